using System.Globalization;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Contracts.Rules;

/// <summary>
/// A company's domain as companies are matched by, one rule for the Api's bodies and the commands on the bus (the
/// schemas' format company-domain). HubSpot stores <c>domain</c> as sent and does not match on it, so the same company
/// given as <c>https://www.Example.com/about</c> and <c>example.com</c> would be two: the rule takes the host of a web
/// address (dropping the scheme, path, query, port and a trailing dot), lower-cases it, writes an internationalized
/// name in its ASCII form (bücher.de → xn--bcher-kva.de) and drops a leading <c>www.</c>. What is left must be a host
/// name of at least two labels ending in a top-level domain: no IP address, no single label such as localhost.
/// </summary>
public static partial class CompanyDomain
{
    /// <summary>The longest text taken in: a web address, of which only the host is kept.</summary>
    public const int MaxInputLength = 2048;

    /// <summary>The longest host name DNS allows, without its trailing dot.</summary>
    public const int MaxLength = 253;

    public const string Rule = "must be a domain name such as example.com, or a web address with one (https://www.example.com/about)";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The normalized domain, or null when <paramref name="value"/> holds no host name.</summary>
    public static string? Normalize(string value)
    {
        if (value.Length > MaxInputLength || CrmText.FindProblem(value, multiline: false) is not null)
        {
            return null;
        }
        var host = value.Trim().ToLowerInvariant();
        var scheme = Scheme().Match(host);
        host = scheme.Success ? host[scheme.Length..] : host.StartsWith("//", StringComparison.Ordinal) ? host[2..] : host;
        var end = host.IndexOfAny(['/', '?', '#']);
        host = end >= 0 ? host[..end] : host;
        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!Port().IsMatch(host.AsSpan(colon + 1)))
            {
                return null;
            }
            host = host[..colon];
        }
        host = host.EndsWith('.') ? host[..^1] : host;
        if (host.Length == 0)
        {
            return null;
        }
        try
        {
            host = Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (host.StartsWith("www.", StringComparison.Ordinal) && host.IndexOf('.', 4) > 0)
        {
            host = host[4..];
        }
        return host.Length <= MaxLength && HostName().IsMatch(host) ? host : null;
    }

    public static bool IsValid(string value) => Normalize(value) is not null;

    [GeneratedRegex("^[a-z][a-z0-9+.-]*://")]
    private static partial Regex Scheme();

    [GeneratedRegex("^[0-9]{1,5}$")]
    private static partial Regex Port();

    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")]
    private static partial Regex HostName();
}
