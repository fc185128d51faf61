using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Requests;

namespace HubSpotCrm.Api.Waiting;

/// <summary>Waits, up to a deadline, for a request to be succeeded or failed.</summary>
public sealed class RequestCompletionWaiter(RequestStore store, RequestCompletionSignals signals, TimeProvider clock, ApiMetrics metrics)
{
    /// <summary>
    /// The request as it is once final, or as it is when the wait runs out; null when there is no such request.
    /// </summary>
    public async Task<RequestRecord?> WaitForFinalAsync(Guid requestId, RequestViewer viewer, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Registered before the first read, so a result recorded in between still wakes this waiter.
        using var registration = signals.Register(requestId);
        var record = await store.FindAsync(requestId, viewer, cancellationToken);
        if (record is null || RequestStatuses.IsFinal(record.Status))
        {
            return record;
        }
        try
        {
            await registration.Completed.WaitAsync(wait, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The answer is the current state, read once more: the result may have landed after the last poll.
        }
        record = await store.FindAsync(requestId, viewer, cancellationToken);
        metrics.Waited(record is not null && RequestStatuses.IsFinal(record.Status));
        return record;
    }
}
