using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Waiting;

namespace HubSpotCrm.Api.Batches;

/// <summary>Waits, up to a deadline, for every request of a batch to be succeeded or failed.</summary>
public sealed class BatchCompletionWaiter(BatchStore store, RequestCompletionSignals signals, TimeProvider clock, ApiMetrics metrics)
{
    public async Task WaitForFinalAsync(Guid batchId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var pending = await store.PendingAsync(batchId, cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }
        var registrations = pending.ToDictionary(id => id, signals.Register);
        try
        {
            // Read again once registered: a result recorded in between would otherwise wake nobody until the poller's next round.
            var still = await store.PendingAsync(batchId, cancellationToken);
            await Task.WhenAll(still.Where(registrations.ContainsKey).Select(id => registrations[id].Completed))
                .WaitAsync(wait, clock, cancellationToken);
            metrics.Waited(true);
        }
        catch (TimeoutException)
        {
            metrics.Waited(false);
        }
        finally
        {
            foreach (var registration in registrations.Values)
            {
                registration.Dispose();
            }
        }
    }
}
