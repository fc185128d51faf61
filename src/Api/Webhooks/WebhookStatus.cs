namespace HubSpotCrm.Api.Webhooks;

/// <summary>The webhook member of a status document: where the request's callback stands.</summary>
/// <param name="State">pending, failing, delivered or parked (<see cref="WebhookStates"/>).</param>
/// <param name="ResponseStatus">The receiver's answer at the last attempt, when it answered.</param>
/// <param name="LastError">Why the last attempt did not count as delivered.</param>
/// <param name="NextAttemptAt">While failing: when the next attempt is due.</param>
public sealed record WebhookStatus(
    string State,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    int? ResponseStatus,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt)
{
    public static readonly WebhookStatus Pending = new(WebhookStates.Pending, 0, null, null, null, null, null);

    /// <summary>The state of a subject that has a callback target: pending until its first attempt is recorded.</summary>
    public static WebhookStatus Of(WebhookDeliveryRecord? delivery) => delivery is null
        ? Pending
        : new(delivery.State, delivery.Attempts, delivery.LastAttemptAt, delivery.ResponseStatus, delivery.LastError, delivery.NextAttemptAt, delivery.DeliveredAt);
}
