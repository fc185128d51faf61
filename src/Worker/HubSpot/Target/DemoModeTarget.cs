using HubSpotCrm.ServiceDefaults.Demo;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.Target;

/// <summary>
/// In demo mode the Worker talks to the emulator, and only to it, with the emulator's published demo app. Whether any
/// real credential was configured as well is checked by <see cref="HubSpotTargetValidation"/> before anything runs.
/// </summary>
public sealed class DemoModeTarget(IOptions<DemoModeOptions> demo) : IPostConfigureOptions<HubSpotOptions>
{
    /// <summary>The OAuth app the emulator accepts out of the box (its appsettings.json).</summary>
    public const string ClientId = "demo-client-id";
    public const string ClientSecret = "demo-client-secret";
    public const string RefreshToken = "demo-refresh-token";

    public void PostConfigure(string? name, HubSpotOptions options)
    {
        if (!demo.Value.Enabled)
        {
            return;
        }
        options.BaseUrl = demo.Value.EmulatorUrl;
        options.AuthMode = HubSpotAuthMode.OAuth;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.RefreshToken = RefreshToken;
        options.PrivateAppToken = null;
    }
}
