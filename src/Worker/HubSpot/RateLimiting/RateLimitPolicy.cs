namespace HubSpotCrm.Worker.HubSpot.RateLimiting;

/// <summary>Which HubSpot limit a 429 names; each one needs a different wait.</summary>
public enum RateLimitPolicy
{
    Unknown,

    /// <summary>The rolling ten-second window of the app: wait out the window.</summary>
    TenSecondly,

    /// <summary>The search API's per-second limit: wait about a second.</summary>
    Secondly,

    /// <summary>The account's daily limit: nothing helps until it resets.</summary>
    Daily,
}
