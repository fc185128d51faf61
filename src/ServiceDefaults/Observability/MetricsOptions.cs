using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.ServiceDefaults.Observability;

/// <summary>
/// Who may read /metrics. Without a key it is open, for a scraper on the same host or network; with one, only a
/// scraper that sends it as a bearer token (Prometheus: <c>authorization: { credentials: … }</c>). /health stays open.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Metrics";

    public const int MinimumKeyLength = 16;

    /// <summary>Presented values longer than this are refused unhashed.</summary>
    public const int MaximumKeyLength = 256;

    /// <summary>Empty means unset, so compose can pass an unset variable.</summary>
    public string? ApiKey { get; set; }

    public bool RequiresKey => !string.IsNullOrEmpty(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RequiresKey)
        {
            yield break;
        }
        if (ApiKey!.Length is < MinimumKeyLength or > MaximumKeyLength)
        {
            yield return new ValidationResult(
                $"{SectionName}:ApiKey: a metrics key has {MinimumKeyLength} to {MaximumKeyLength} characters " +
                "(e.g. from `openssl rand -hex 32`).", [nameof(ApiKey)]);
        }
        if (!ApiKey.All(c => c is > ' ' and < '\x7f'))
        {
            yield return new ValidationResult(
                $"{SectionName}:ApiKey may hold visible ASCII characters only, no spaces, as an HTTP header carries it.", [nameof(ApiKey)]);
        }
    }
}
