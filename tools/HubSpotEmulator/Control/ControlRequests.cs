using HubSpotEmulator.RateLimits;

namespace HubSpotEmulator.Control;

/// <summary>Body of <c>POST /_emulator/faults/rate-limit-burst</c>.</summary>
internal sealed record RateLimitBurstRequest(int Count, RateLimitPolicy? Policy);

/// <summary>Body of <c>POST /_emulator/tokens/revoke</c>; without a JSON body both are revoked.</summary>
internal sealed record RevokeTokensRequest(bool AccessTokens, bool RefreshToken);
