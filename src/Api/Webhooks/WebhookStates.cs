namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// A delivery's state: pending until its first attempt, failing while attempts fail in a way that may pass (it is
/// retried), delivered once a receiver answered 2xx, parked when retrying stopped (a 4xx, the retry time spent, a
/// refused target).
/// </summary>
public static class WebhookStates
{
    public const string Pending = "pending";
    public const string Failing = "failing";
    public const string Delivered = "delivered";
    public const string Parked = "parked";
}
