namespace HubSpotEmulator.Http;

/// <summary>Which part of the emulator a request addresses; auth, limits, faults and statistics differ per surface.</summary>
internal enum ApiSurface
{
    Crm,
    OAuth,
    Control,
    Other,
}

internal static class ApiSurfaces
{
    public const string ControlPrefix = "/_emulator";

    public static ApiSurface Of(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments("/crm", StringComparison.OrdinalIgnoreCase) ? ApiSurface.Crm
            : path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase) ? ApiSurface.OAuth
            : path.StartsWithSegments(ControlPrefix, StringComparison.OrdinalIgnoreCase) ? ApiSurface.Control
            : ApiSurface.Other;
    }
}
