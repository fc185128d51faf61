using HubSpotCrm.ServiceDefaults.Demo;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.Target;

/// <summary>Which HubSpot the Worker writes to, as the start-up log and readiness name it: the address, never a secret.</summary>
public sealed class HubSpotTarget(IOptions<HubSpotOptions> hubSpot, IOptions<DemoModeOptions> demo)
{
    public string Description => demo.Value.Enabled
        ? $"the HubSpot emulator at {hubSpot.Value.BaseUrl} (demo mode)"
        : $"HubSpot at {hubSpot.Value.BaseUrl} ({(hubSpot.Value.AuthMode == HubSpotAuthMode.PrivateApp ? "private app token" : "OAuth app")})";
}
