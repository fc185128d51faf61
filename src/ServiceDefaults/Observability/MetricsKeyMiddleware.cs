using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HubSpotCrm.ServiceDefaults.Observability;

/// <summary>
/// Lets a scrape through only with <c>Authorization: Bearer &lt;Metrics:ApiKey&gt;</c>, compared as SHA-256 hashes in
/// constant time; anything else gets 401 problem details that never repeat what was sent.
/// </summary>
public sealed class MetricsKeyMiddleware(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    private readonly byte[] _key = Hash(options.Value.ApiKey!);

    public Task InvokeAsync(HttpContext context) =>
        Presented(context.Request.Headers.Authorization) is { } key && CryptographicOperations.FixedTimeEquals(Hash(key), _key)
            ? next(context)
            : RefuseAsync(context);

    /// <summary>The one bearer token, or null when there is none, several, or one too long to be the key.</summary>
    private static string? Presented(Microsoft.Extensions.Primitives.StringValues authorization)
    {
        if (authorization is not [{ } value] || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = value[BearerPrefix.Length..].Trim();
        return token.Length is > 0 and <= MetricsOptions.MaximumKeyLength ? token : null;
    }

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"metrics\"";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Metrics key required",
            detail: $"/metrics needs the key set in {MetricsOptions.SectionName}:ApiKey, sent as \"Authorization: Bearer <key>\" " +
                    "(Prometheus: the scrape job's authorization credentials).").ExecuteAsync(context);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
