using System.Text.Json.Serialization;

namespace HubSpotEmulator.OAuth;

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("token_use")] string TokenUse,
    [property: JsonPropertyName("hub_id")] long HubId);
