namespace HubSpotEmulator.OAuth;

/// <param name="Serial">Issue order; revocation applies to every token issued up to a serial.</param>
internal sealed record IssuedAccessToken(long Serial, long ExpiresAtMs);
