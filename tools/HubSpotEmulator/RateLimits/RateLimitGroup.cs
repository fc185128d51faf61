namespace HubSpotEmulator.RateLimits;

/// <summary>Endpoint metadata naming the budget a call draws from; endpoints without it use the ten-second window.</summary>
internal sealed class RateLimitGroup
{
    /// <summary>Search has its own per-second limit, is outside the ten-second window and gets no rate-limit headers.</summary>
    public static readonly RateLimitGroup Search = new();

    /// <summary>v4 association batch endpoints, which HubSpot's spec marks as exempt from the ten-second window.</summary>
    public static readonly RateLimitGroup AssociationBatch = new();

    private RateLimitGroup()
    {
    }
}
