namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

public enum HubSpotCallKind
{
    /// <summary>Counted in the app's ten-second window.</summary>
    Standard,

    /// <summary>Counted in the account's per-second search window instead.</summary>
    Search,

    /// <summary>Not rate limited (the OAuth token endpoint).</summary>
    Unlimited,
}
