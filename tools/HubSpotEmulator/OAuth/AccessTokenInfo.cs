using System.Text.Json.Serialization;

namespace HubSpotEmulator.OAuth;

/// <summary>Response of <c>GET /oauth/v1/access-tokens/{token}</c>.</summary>
internal sealed record AccessTokenInfo(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("hub_domain")] string HubDomain,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("hub_id")] long HubId,
    [property: JsonPropertyName("app_id")] long AppId,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("token_type")] string TokenType);
