using HubSpotCrm.Api.Authentication;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.RateLimiting;

/// <summary>
/// Every limit is a whole number of requests from 1 up, and every client named has a key: a misspelt client name would
/// otherwise leave that client on the default without anyone noticing.
/// </summary>
public sealed class RateLimitOptionsValidation(IOptions<ApiKeyOptions> apiKeys) : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = new List<string>();
        CheckDefault(options.Default.PermitsPerSecond, nameof(RateLimit.PermitsPerSecond), problems);
        CheckDefault(options.Default.Burst, nameof(RateLimit.Burst), problems);

        var keys = apiKeys.Value;
        var clients = keys.Keys.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (keys.Disabled)
        {
            clients.Add(ApiKeyDefaults.AnonymousClient);
        }
        foreach (var (client, limit) in options.Clients)
        {
            var setting = $"{RateLimitOptions.SectionName}:Clients:{client}";
            if (!clients.Contains(client))
            {
                problems.Add($"{setting} names no API client. Limits apply to the clients of {ApiKeyOptions.SectionName}:Keys " +
                             $"({(clients.Count == 0 ? "none configured" : string.Join(", ", clients.Order(StringComparer.Ordinal)))}).");
            }
            Check(limit.PermitsPerSecond, $"{setting}:{nameof(RateLimit.PermitsPerSecond)}", problems);
            Check(limit.Burst, $"{setting}:{nameof(RateLimit.Burst)}", problems);
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckDefault(int? value, string field, List<string> problems)
    {
        var setting = $"{RateLimitOptions.SectionName}:Default:{field}";
        if (value is null)
        {
            problems.Add($"{setting} is empty; it is the limit of every client without one of its own.");
            return;
        }
        Check(value, setting, problems);
    }

    private static void Check(int? value, string setting, List<string> problems)
    {
        if (value is < 1 or > RateLimitOptions.MaximumPermits)
        {
            problems.Add($"{setting} is {value}; it must be from 1 to {RateLimitOptions.MaximumPermits} requests.");
        }
    }
}
