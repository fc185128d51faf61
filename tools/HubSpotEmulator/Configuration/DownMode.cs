using System.Text.Json.Serialization;

namespace HubSpotEmulator.Configuration;

[JsonConverter(typeof(JsonStringEnumConverter<DownMode>))]
internal enum DownMode
{
    [JsonStringEnumMemberName("off")]
    Off,

    /// <summary>The connection is aborted without a response.</summary>
    [JsonStringEnumMemberName("refuse")]
    Refuse,

    /// <summary>The request is held until the mode changes or the client gives up.</summary>
    [JsonStringEnumMemberName("hang")]
    Hang,
}
