namespace HubSpotCrm.Api.Webhooks;

/// <summary>One API client's callbacks: its default endpoint, its signing secret and the URLs a submission may name instead.</summary>
public sealed class WebhookClientOptions
{
    /// <summary>Where the client's callbacks go when a submission names none. Optional.</summary>
    public string? Url { get; set; }

    /// <summary>The Standard Webhooks signing secret, whsec_ and the base64 of 24 to 64 random bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// A submission's Callback-Url must start with one of these (compared as written, case-sensitively); with none, a
    /// submission cannot name its own. Empty entries are ignored, so compose can pass an unset variable.
    /// </summary>
    public string[] AllowedCallbackPrefixes { get; set; } = [];

    public IEnumerable<string> ConfiguredPrefixes => AllowedCallbackPrefixes.Where(p => !string.IsNullOrEmpty(p));

    /// <summary>Whether the entry asks for callbacks at all: an entry of empty values (unset variables) does not.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(Url) || !string.IsNullOrEmpty(Secret) || ConfiguredPrefixes.Any();

    public IEnumerable<string> Problems(WebhookOptions webhooks)
    {
        if (!WebhookSecret.IsValid(Secret))
        {
            yield return "Secret must be whsec_ followed by the base64 of 24 to 64 random bytes " +
                         "(e.g. \"whsec_$(openssl rand -base64 32)\").";
        }
        if (!string.IsNullOrEmpty(Url) && WebhookTarget.Check(Url, webhooks) is { } urlProblem)
        {
            yield return $"Url {urlProblem}";
        }
        foreach (var prefix in ConfiguredPrefixes)
        {
            if (WebhookTarget.Check(prefix, webhooks) is { } prefixProblem)
            {
                yield return $"AllowedCallbackPrefixes '{prefix}' {prefixProblem}";
            }
            else if (prefix.IndexOf('/', prefix.IndexOf("://", StringComparison.Ordinal) + 3) < 0)
            {
                // Else https://hooks.example.com would allow https://hooks.example.com.attacker.net/ too.
                yield return $"AllowedCallbackPrefixes '{prefix}' must go on past the host to at least its '/'.";
            }
        }
    }
}
