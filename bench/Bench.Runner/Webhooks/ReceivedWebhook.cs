namespace HubSpotCrm.Bench.Webhooks;

/// <summary>One webhook-id's deliveries: the first copy as received, and how many copies came.</summary>
internal sealed class ReceivedWebhook(DateTimeOffset receivedAt, string status, DateTimeOffset completedAt)
{
    private int _copies;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public string Status { get; } = status;

    /// <summary>The request's final time as the Api recorded it (the body's completedAt).</summary>
    public DateTimeOffset CompletedAt { get; } = completedAt;

    public int Copies => Volatile.Read(ref _copies);

    public void Count() => Interlocked.Increment(ref _copies);
}
