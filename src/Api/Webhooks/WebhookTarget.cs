using System.Net;
using System.Net.Sockets;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// What a callback target may be: an absolute https URL (http too with <see cref="WebhookOptions.AllowHttp"/>), without
/// credentials in it, on a public address unless <see cref="WebhookOptions.AllowPrivateTargets"/>. A host name is
/// checked here only for what it says (localhost); the addresses it resolves to are checked when the delivery connects
/// (<see cref="WebhookConnections"/>), since DNS can answer differently by then.
/// </summary>
public static class WebhookTarget
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> cannot be a target, or null when it can.</summary>
    public static string? Check(string url, WebhookOptions options)
    {
        if (url.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "must be an absolute https URL";
        }
        if (uri.Scheme == "http" && !options.AllowHttp)
        {
            return "must use https";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "must not carry a user name or password";
        }
        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not have a fragment (#…)";
        }
        if (!options.AllowPrivateTargets && IsPrivateHost(uri))
        {
            return "must not point at a loopback, private or link-local address";
        }
        return null;
    }

    private static bool IsPrivateHost(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPublic(address)
            : uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="address"/> is on the public internet: not loopback, private (RFC 1918, unique local),
    /// link-local (cloud metadata lives there), carrier-grade NAT, multicast, unspecified or reserved.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || first == 0);
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,
            169 => b[1] != 254,
            172 => b[1] is < 16 or > 31,
            192 => !(b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99)),
            198 => !(b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100)),
            203 => !(b[1] == 0 && b[2] == 113),
            >= 224 => false,
            _ => true,
        };
    }
}
