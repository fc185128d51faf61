namespace HubSpotEmulator.Configuration;

internal sealed class OAuthOptions
{
    public string ClientId { get; set; } = "demo-client-id";

    public string ClientSecret { get; set; } = "demo-client-secret";

    public string RefreshToken { get; set; } = "demo-refresh-token";

    public int AccessTokenLifetimeSeconds { get; set; } = 1800;

    public bool RotateRefreshToken { get; set; }

    /// <summary>How long a rotated-out refresh token keeps working, so that concurrent refreshes do not lock a client out.</summary>
    public int RefreshTokenGraceSeconds { get; set; } = 30;
}
