namespace HubSpotCrm.Api.Waiting;

/// <summary>
/// Callers waiting for requests to finish, by request id. A result recorded by this instance, or found in the
/// database by the poller, wakes every waiter of that request.
/// </summary>
public sealed class RequestCompletionSignals
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, List<TaskCompletionSource>> _waiters = [];

    /// <summary>Registers a waiter; dispose the registration when done waiting.</summary>
    public Registration Register(Guid requestId)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (!_waiters.TryGetValue(requestId, out var signals))
            {
                _waiters[requestId] = signals = [];
            }
            signals.Add(signal);
        }
        return new Registration(this, requestId, signal);
    }

    public void Notify(Guid requestId)
    {
        List<TaskCompletionSource>? signals;
        lock (_lock)
        {
            _waiters.Remove(requestId, out signals);
        }
        foreach (var signal in signals ?? [])
        {
            signal.TrySetResult();
        }
    }

    /// <summary>The requests someone is waiting for right now.</summary>
    public IReadOnlyList<Guid> Waited()
    {
        lock (_lock)
        {
            return [.. _waiters.Keys];
        }
    }

    private void Unregister(Guid requestId, TaskCompletionSource signal)
    {
        lock (_lock)
        {
            if (_waiters.TryGetValue(requestId, out var signals) && signals.Remove(signal) && signals.Count == 0)
            {
                _waiters.Remove(requestId);
            }
        }
    }

    public sealed class Registration(RequestCompletionSignals owner, Guid requestId, TaskCompletionSource signal) : IDisposable
    {
        /// <summary>Completes when the request is known to be final.</summary>
        public Task Completed => signal.Task;

        public void Dispose() => owner.Unregister(requestId, signal);
    }
}
