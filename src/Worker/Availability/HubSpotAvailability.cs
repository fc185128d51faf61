using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Availability;

/// <summary>
/// Whether each command queue may send its commands to HubSpot now. Refused credentials and a spent daily limit
/// concern the whole account and pause every queue. An outage or a missing scope may hit one kind of write only (deal
/// writes failing while contacts work), so they pause the queue whose batches met them, and only after several of its
/// batches in a row failed (an outage) or at once (a 403). While a queue is paused its commands wait in it and only a
/// probe of the call that failed asks HubSpot again.
/// </summary>
public sealed class HubSpotAvailability(IOptions<HubSpotAvailabilityOptions> options, TimeProvider clock, ILogger<HubSpotAvailability> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.Ordinal);
    private PauseState? _account;
    private TaskCompletionSource _accountPaused = NewSignal();

    /// <summary>The pause that stops <paramref name="queue"/>: the account's, or the queue's own.</summary>
    public PauseState? PauseOf(string queue)
    {
        lock (_lock)
        {
            return _account ?? State(queue).Pause;
        }
    }

    public bool IsPaused(string queue) => PauseOf(queue) is not null;

    /// <summary>The account-wide pause, which only the credentials probe can lift.</summary>
    public PauseState? AccountPause
    {
        get
        {
            lock (_lock)
            {
                return _account;
            }
        }
    }

    /// <summary>Every queue paused now, and why; the account's pause counts for each.</summary>
    public IReadOnlyList<(string Queue, PauseState Pause)> Pauses
    {
        get
        {
            lock (_lock)
            {
                return [.. _queues.Where(q => (_account ?? q.Value.Pause) is not null).Select(q => (q.Key, (_account ?? q.Value.Pause)!)).OrderBy(p => p.Key, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Completes when <paramref name="queue"/> pauses, for the controller that stops its consumption.</summary>
    public Task PausedAsync(string queue, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return State(queue).Paused.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes when the whole account pauses, for the one probe of the credentials.</summary>
    public Task AccountPausedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _accountPaused.Task.WaitAsync(cancellationToken);
        }
    }

    public void ReportSuccess(string queue)
    {
        lock (_lock)
        {
            State(queue).FailedBatchesInARow = 0;
        }
    }

    public void ReportUnavailable(string queue, HubSpotUnavailableException exception)
    {
        if (exception.Reason is HubSpotUnavailableReason.Authentication or HubSpotUnavailableReason.DailyLimit)
        {
            PauseAccount(new PauseState(exception.Reason, exception.Message, clock.GetUtcNow(), HubSpotClient.CredentialsProbe));
            return;
        }
        PauseQueue(queue, new PauseState(exception.Reason, exception.Message, clock.GetUtcNow(), exception.Call ?? HubSpotClient.CredentialsProbe));
    }

    /// <returns>True when <paramref name="queue"/> is paused now: this failure made HubSpot count as down for it, or it already was.</returns>
    public bool ReportTransientFailure(string queue, HubSpotTransientException exception)
    {
        lock (_lock)
        {
            var state = State(queue);
            if (++state.FailedBatchesInARow < options.Value.OutageAfterFailedBatches)
            {
                return (_account ?? state.Pause) is not null;
            }
        }
        PauseQueue(queue, new PauseState(HubSpotUnavailableReason.Outage, $"HubSpot keeps failing: {exception.Message}", clock.GetUtcNow(),
            exception.Call ?? HubSpotClient.CredentialsProbe));
        return true;
    }

    public void Resume(string queue)
    {
        lock (_lock)
        {
            var state = State(queue);
            if (state.Pause is not { } pause)
            {
                return;
            }
            logger.LogWarning("HubSpot answers {Call} again after {Seconds:0} s ({Reason}); {Queue} resumes",
                pause.Probe, (clock.GetUtcNow() - pause.Since).TotalSeconds, pause.Reason, queue);
            state.Pause = null;
            state.FailedBatchesInARow = 0;
            if (_account is null)
            {
                state.Paused = NewSignal();
            }
        }
    }

    public void ResumeAccount()
    {
        lock (_lock)
        {
            if (_account is not { } pause)
            {
                return;
            }
            logger.LogWarning("HubSpot accepts calls again after {Seconds:0} s ({Reason}); resuming consumption",
                (clock.GetUtcNow() - pause.Since).TotalSeconds, pause.Reason);
            _account = null;
            _accountPaused = NewSignal();
            foreach (var state in _queues.Values.Where(s => s.Pause is null))
            {
                state.FailedBatchesInARow = 0;
                state.Paused = NewSignal();
            }
        }
    }

    public TimeSpan ProbeInterval(PauseState pause) => pause.Reason == HubSpotUnavailableReason.DailyLimit
        ? options.Value.DailyLimitProbeInterval
        : options.Value.ProbeInterval;

    private void PauseAccount(PauseState pause)
    {
        lock (_lock)
        {
            if (_account is not null)
            {
                return;
            }
            _account = pause;
            _accountPaused.TrySetResult();
            foreach (var state in _queues.Values)
            {
                state.Paused.TrySetResult();
            }
            logger.LogError("Pausing consumption of every queue: {Reason}. {Message} Commands stay in their queues until HubSpot answers again",
                pause.Reason, pause.Message);
        }
    }

    private void PauseQueue(string queue, PauseState pause)
    {
        lock (_lock)
        {
            var state = State(queue);
            if (state.Pause is not null)
            {
                return;
            }
            state.Pause = pause;
            state.Paused.TrySetResult();
            logger.LogError("Pausing consumption of {Queue}: {Reason}. {Message} Its commands stay in the queue until HubSpot answers {Call} again",
                queue, pause.Reason, pause.Message, pause.Probe);
        }
    }

    private QueueState State(string queue)
    {
        if (!_queues.TryGetValue(queue, out var state))
        {
            _queues[queue] = state = new QueueState();
            if (_account is not null)
            {
                state.Paused.TrySetResult();
            }
        }
        return state;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class QueueState
    {
        public int FailedBatchesInARow { get; set; }

        public PauseState? Pause { get; set; }

        public TaskCompletionSource Paused { get; set; } = NewSignal();
    }
}

/// <summary>Why and since when consumption is paused, and the call whose answer will lift the pause.</summary>
public sealed record PauseState(HubSpotUnavailableReason Reason, string Message, DateTimeOffset Since, HubSpotCall Probe);
