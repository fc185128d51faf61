using System.Text.Json.Serialization;
using HubSpotEmulator.Errors;

namespace HubSpotEmulator.Http;

/// <summary>HubSpot's batch envelope; <c>numErrors</c> and <c>errors</c> only appear in 207 responses.</summary>
internal sealed record BatchResponse<T>(
    string Status,
    IReadOnlyList<T> Results,
    int? NumErrors,
    IReadOnlyList<StandardError>? Errors,
    string StartedAt,
    string CompletedAt)
{
    public const string Complete = "COMPLETE";

    [JsonIgnore]
    public bool HasErrors => NumErrors is > 0;
}
