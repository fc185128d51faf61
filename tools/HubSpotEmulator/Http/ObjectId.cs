using System.Text.Json.Serialization;
using HubSpotEmulator.Json;

namespace HubSpotEmulator.Http;

/// <summary><c>{"id":"123"}</c>, the reference shape used by batch inputs and associations.</summary>
internal sealed record ObjectId([property: JsonConverter(typeof(LenientStringConverter))] string? Id);
