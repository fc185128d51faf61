namespace HubSpotCrm.Api.Webhooks;

/// <summary>The outcome tag of the delivery metrics.</summary>
public static class WebhookOutcomes
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string Parked = "parked";

    /// <summary>Not attempted: its endpoint had as many attempts in flight as allowed.</summary>
    public const string Deferred = "deferred";
}
