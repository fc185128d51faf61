using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.HubSpot;

/// <summary>Which HubSpot account to write to, and how to authenticate. Only the Worker holds these.</summary>
public sealed class HubSpotOptions : IValidatableObject
{
    public const string SectionName = "HubSpot";

    /// <summary>https://api.hubapi.com, or the emulator's URL in tests and demo mode.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com");

    public HubSpotAuthMode AuthMode { get; set; } = HubSpotAuthMode.OAuth;

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? RefreshToken { get; set; }

    /// <summary>A private app's static access token (pat-…), used when <see cref="AuthMode"/> is PrivateApp.</summary>
    public string? PrivateAppToken { get; set; }

    /// <summary>How long before expiry an OAuth access token is replaced (capped at a fifth of its lifetime).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:29:00")]
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuthMode == HubSpotAuthMode.OAuth)
        {
            string[] missing = [.. new[] { (nameof(ClientId), ClientId), (nameof(ClientSecret), ClientSecret), (nameof(RefreshToken), RefreshToken) }
                .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1)];
            if (missing.Length == 3 && string.IsNullOrWhiteSpace(PrivateAppToken))
            {
                yield return new ValidationResult(
                    "No HubSpot credentials are configured. For an OAuth app set HubSpot:ClientId, HubSpot:ClientSecret and HubSpot:RefreshToken " +
                    "(environment: HubSpot__ClientId, …); for a private app set HubSpot:AuthMode=PrivateApp and HubSpot:PrivateAppToken. " +
                    "To try the service without a HubSpot account, turn demo mode on (DemoMode__Enabled=true) and run the HubSpot emulator.",
                    missing);
            }
            else if (missing.Length > 0)
            {
                yield return new ValidationResult(
                    $"HubSpot:AuthMode is OAuth, which needs HubSpot:ClientId, HubSpot:ClientSecret and HubSpot:RefreshToken; missing: " +
                    $"{string.Join(", ", missing.Select(m => $"HubSpot:{m}"))}. For a private app's token set HubSpot:AuthMode=PrivateApp.",
                    missing);
            }
        }
        if (AuthMode == HubSpotAuthMode.PrivateApp && string.IsNullOrWhiteSpace(PrivateAppToken))
        {
            yield return new ValidationResult(
                "HubSpot:AuthMode is PrivateApp, but HubSpot:PrivateAppToken is not set: set it to the private app's access token (pat-…).",
                [nameof(PrivateAppToken)]);
        }
    }
}
