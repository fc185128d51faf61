using System.Net.Mail;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Contracts.Rules;

/// <summary>
/// What an email address is, one rule for the Api's bodies and the commands on the bus (the schemas' format email):
/// one address, at most 254 characters, a dot-separated host with a top-level domain, nothing .NET would read
/// differently (no display name, comment or quoting).
/// </summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string value) =>
        value.Length <= MaxLength && Pattern().IsMatch(value) && MailAddress.TryCreate(value, out var address) && address.Address == value;

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$")]
    private static partial Regex Pattern();
}
