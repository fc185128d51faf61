using System.Buffers.Text;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>The Standard Webhooks form of a signing secret: whsec_ and the base64 of the key's bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static bool IsValid(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var encoded = secret[Prefix.Length..];
        return Base64.IsValid(encoded, out var length) && length is >= 24 and <= 64;
    }
}
