using System.Text.Json.Serialization;

namespace HubSpotEmulator.RateLimits;

/// <summary>The <c>policyName</c> of a 429 body.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RateLimitPolicy>))]
internal enum RateLimitPolicy
{
    [JsonStringEnumMemberName("TEN_SECONDLY_ROLLING")]
    TenSecondlyRolling,

    [JsonStringEnumMemberName("DAILY")]
    Daily,

    /// <summary>The search API's per-second limit.</summary>
    [JsonStringEnumMemberName("SECONDLY")]
    Secondly,
}
