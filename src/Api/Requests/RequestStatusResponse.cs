using System.Text.Json;
using System.Text.Json.Serialization;
using HubSpotCrm.Api.Webhooks;

namespace HubSpotCrm.Api.Requests;

/// <summary>What GET /api/v1/requests/{id} answers.</summary>
/// <param name="Result">On success: the HubSpot ids, and per object whether it was created or updated.</param>
/// <param name="Error">On failure: code, message, and HubSpot's status, category and correlation id when HubSpot caused it.</param>
/// <param name="Webhook">Where its completion callback stands; absent when it has none, and in the callback itself.</param>
public sealed record RequestStatusResponse(
    Guid RequestId,
    string Kind,
    string Status,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Result,
    JsonElement? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookStatus? Webhook = null)
{
    /// <param name="delivery">Its callback's state, when it has a callback target.</param>
    public static RequestStatusResponse From(RequestRecord record, WebhookDeliveryRecord? delivery = null) => new(
        record.Id,
        record.Kind,
        record.Status,
        record.Source,
        record.CreatedAt,
        record.UpdatedAt,
        record.CompletedAt,
        Parse(record.Result),
        Parse(record.Error),
        record.WebhookUrl is null ? null : WebhookStatus.Of(delivery));

    /// <summary>The status document as its callback carries it: without the callback's own state.</summary>
    public static RequestStatusResponse ForCallback(RequestRecord record) => From(record) with { Webhook = null };

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
