namespace HubSpotEmulator.OAuth;

/// <summary>Either a token response or the legacy OAuth error status (e.g. BAD_REFRESH_TOKEN) with its message.</summary>
internal sealed record RefreshResult(TokenResponse? Tokens, string? ErrorStatus = null, string? ErrorMessage = null);
