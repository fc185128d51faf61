using HubSpotCrm.Api.Validation;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Chooses a submission's callback target: the URL its Callback-Url header names, if the client's allow-list lets it,
/// else the client's configured endpoint, else none. Chosen once, at submit: a later change of configuration does not
/// move the callbacks of requests already accepted.
/// </summary>
public sealed class CallbackTargets(IOptions<WebhookOptions> options)
{
    public const string CallbackUrlHeader = "Callback-Url";

    public const string CallbackUrlDescription =
        "Where to POST this submission's completion callback instead of the client's configured endpoint: an absolute " +
        "https URL that starts with one of the client's Webhooks:Clients:<client>:AllowedCallbackPrefixes; 422 otherwise.";

    /// <summary>The target, or null for none; a refused header is recorded in <paramref name="errors"/>.</summary>
    public string? Choose(string client, string? callbackUrl, ValidationErrors errors)
    {
        var webhooks = options.Value;
        var configured = webhooks.For(client);
        if (callbackUrl is null)
        {
            return string.IsNullOrEmpty(configured?.Url) ? null : configured.Url;
        }
        if (configured is null || !configured.ConfiguredPrefixes.Any())
        {
            errors.Add(CallbackUrlHeader, "is not allowed: no callback URL prefixes are configured for this client");
            return null;
        }
        if (WebhookTarget.Check(callbackUrl, webhooks) is { } problem)
        {
            errors.Add(CallbackUrlHeader, problem);
            return null;
        }
        if (!configured.ConfiguredPrefixes.Any(prefix => callbackUrl.StartsWith(prefix, StringComparison.Ordinal)))
        {
            errors.Add(CallbackUrlHeader, "does not start with any of the callback URL prefixes allowed for this client");
            return null;
        }
        return callbackUrl;
    }
}
