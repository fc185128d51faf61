using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Api.Authentication;

/// <summary>
/// Who may call /api/v1: one key per calling system, named by client (ApiKeys__Keys__billing=…). The client name
/// scopes idempotency keys and shows in logs; the key itself is never logged.
/// </summary>
public sealed partial class ApiKeyOptions : IValidatableObject
{
    public const string SectionName = "ApiKeys";

    /// <summary>Shorter keys can be guessed; generate keys with e.g. <c>openssl rand -hex 32</c>.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Presented values longer than this are refused unhashed, so a key may not be longer either.</summary>
    public const int MaximumKeyLength = 256;

    /// <summary>Client name → key. Entries with an empty key are ignored, so compose can pass an unset variable.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Accepts every caller as client "anonymous", key or not: for local demos only, where nobody else can reach the
    /// Api. Without it, an Api with no key refuses to start rather than run open by accident.
    /// </summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// The clients (names of <see cref="Keys"/>) that are operators: they see every request, those of other clients and
    /// those published straight to the bus, where the others see only their own.
    /// </summary>
    public string[] Operators { get; set; } = [];

    /// <summary>When true the OpenAPI document and the docs UI need a key too; by default they are open.</summary>
    public bool ProtectDocs { get; set; }

    public IEnumerable<KeyValuePair<string, string>> ConfiguredKeys => Keys.Where(k => !string.IsNullOrEmpty(k.Value));

    /// <summary>Empty entries are ignored, as for <see cref="Keys"/>.</summary>
    public IEnumerable<string> ConfiguredOperators => Operators.Where(o => !string.IsNullOrEmpty(o));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Disabled)
        {
            yield break;
        }
        if (!ConfiguredKeys.Any())
        {
            yield return new ValidationResult(
                "No API key is configured, so no caller could use the Api. Set one key per calling system with " +
                "ApiKeys:Keys:<client>=<key> (environment variable ApiKeys__Keys__<client>), or set ApiKeys:Disabled=true " +
                "to run without keys (local demos only).",
                [nameof(Keys)]);
        }
        foreach (var (client, key) in ConfiguredKeys)
        {
            if (!ClientNamePattern().IsMatch(client))
            {
                yield return new ValidationResult(
                    $"ApiKeys:Keys:{client}: a client name has 1 to 64 letters, digits, '-', '_' or '.'.", [nameof(Keys)]);
            }
            if (key.Length < MinimumKeyLength)
            {
                yield return new ValidationResult(
                    $"ApiKeys:Keys:{client}: the key is shorter than {MinimumKeyLength} characters.", [nameof(Keys)]);
            }
            if (key.Length > MaximumKeyLength)
            {
                yield return new ValidationResult(
                    $"ApiKeys:Keys:{client}: the key is longer than {MaximumKeyLength} characters.", [nameof(Keys)]);
            }
            if (!key.All(IsKeyCharacter))
            {
                yield return new ValidationResult(
                    $"ApiKeys:Keys:{client}: a key has visible ASCII characters only, no spaces or commas, as an HTTP header carries it " +
                    "(e.g. from `openssl rand -hex 32`).", [nameof(Keys)]);
            }
        }
        foreach (var unknown in ConfiguredOperators.Where(o => !ConfiguredKeys.Any(k => k.Key == o)))
        {
            yield return new ValidationResult(
                $"ApiKeys:Operators names '{unknown}', which has no key in ApiKeys:Keys: an operator is one of the configured clients.",
                [nameof(Operators)]);
        }
        foreach (var shared in ConfiguredKeys.GroupBy(k => k.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult(
                $"ApiKeys:Keys: clients {string.Join(", ", shared.Select(k => k.Key))} have the same key; each client needs its own.",
                [nameof(Keys)]);
        }
    }

    /// <summary>A comma would read as two keys, and HTTP trims spaces and refuses non-ASCII header values.</summary>
    private static bool IsKeyCharacter(char c) => c is > ' ' and < '\x7f' and not ',';

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ClientNamePattern();
}
