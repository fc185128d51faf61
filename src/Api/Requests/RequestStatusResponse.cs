using System.Text.Json;

namespace HubSpotCrm.Api.Requests;

/// <summary>What GET /api/v1/requests/{id} answers.</summary>
/// <param name="Result">On success: the HubSpot ids, and per object whether it was created or updated.</param>
/// <param name="Error">On failure: code, message, and HubSpot's status, category and correlation id when HubSpot caused it.</param>
public sealed record RequestStatusResponse(
    Guid RequestId,
    string Kind,
    string Status,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Result,
    JsonElement? Error)
{
    public static RequestStatusResponse From(RequestRecord record) => new(
        record.Id,
        record.Kind,
        record.Status,
        record.Source,
        record.CreatedAt,
        record.UpdatedAt,
        record.CompletedAt,
        Parse(record.Result),
        Parse(record.Error));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
