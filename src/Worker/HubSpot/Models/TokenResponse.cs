using System.Text.Json.Serialization;

namespace HubSpotCrm.Worker.HubSpot.Models;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);
