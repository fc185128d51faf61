using HubSpotEmulator.Configuration;
using HubSpotEmulator.Http;

namespace HubSpotEmulator.Faults;

internal static class FaultScope
{
    /// <summary>Faults hit CRM calls, the token endpoint only when <c>includeOAuth</c> is set, and never the control API.</summary>
    public static bool Applies(HttpContext context, FaultSettings faults) => ApiSurfaces.Of(context) switch
    {
        ApiSurface.Crm => true,
        ApiSurface.OAuth => faults.IncludeOAuth,
        _ => false,
    };
}
