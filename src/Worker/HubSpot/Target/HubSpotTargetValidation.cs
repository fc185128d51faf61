using HubSpotCrm.ServiceDefaults.Demo;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.Target;

/// <summary>
/// Makes the choice between HubSpot and the emulator explicit. Credentials are looked for in the configuration as
/// bound, whatever its source (environment in any case, appsettings files, mounted secrets), so that credentials given
/// in a way nobody expected can never be overridden by demo mode, and an emulator address can never receive
/// production traffic by accident.
/// </summary>
public sealed class HubSpotTargetValidation(IConfiguration configuration, IOptions<DemoModeOptions> demo, IHostEnvironment environment)
    : IValidateOptions<HubSpotOptions>
{
    private static readonly string[] CredentialSettings =
        [nameof(HubSpotOptions.ClientId), nameof(HubSpotOptions.ClientSecret), nameof(HubSpotOptions.RefreshToken), nameof(HubSpotOptions.PrivateAppToken)];

    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        if (demo.Value.Enabled)
        {
            var configured = CredentialSettings
                .Where(setting => !string.IsNullOrWhiteSpace(configuration[$"{HubSpotOptions.SectionName}:{setting}"]))
                .Select(setting => $"{HubSpotOptions.SectionName}:{setting}")
                .ToList();
            return configured.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Demo mode is on ({DemoModeOptions.SectionName}:Enabled=true), but HubSpot credentials are configured ({string.Join(", ", configured)}). " +
                    "Demo mode writes to the HubSpot emulator, never to HubSpot: turn demo mode off to use these credentials, or remove them to run the demo.");
        }
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }
        if (SameEndpoint(options.BaseUrl, demo.Value.EmulatorUrl) || options.BaseUrl.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail(
                $"{HubSpotOptions.SectionName}:BaseUrl is {options.BaseUrl}, which is the HubSpot emulator or not HTTPS, and demo mode is off. " +
                $"Outside Development the Worker writes only to HubSpot over HTTPS (default https://api.hubapi.com). " +
                $"To try the service against the emulator, turn demo mode on ({DemoModeOptions.SectionName}__Enabled=true).");
        }
        return ValidateOptionsResult.Success;
    }

    private static bool SameEndpoint(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && (a.Host == b.Host || (a.IsLoopback && b.IsLoopback));
}
