namespace HubSpotCrm.Api.Webhooks;

/// <summary>What became of the callback of one request or batch, written at every attempt.</summary>
public sealed class WebhookDeliveryRecord
{
    /// <summary>The request's or batch's id, which is also the webhook-id.</summary>
    public Guid Id { get; set; }

    public required string Subject { get; set; }

    public required string State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The receiver's HTTP status at the last attempt, when it answered.</summary>
    public int? ResponseStatus { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
