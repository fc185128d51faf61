using HubSpotCrm.Worker.HubSpot.Errors;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Availability;

/// <summary>
/// Whether commands may go to HubSpot now. A spent daily limit and refused credentials pause at once; transient
/// failures pause only when several batches in a row fail with them (HubSpot down), so one unlucky call does not stop
/// the Worker. While paused nothing calls HubSpot but the probe, and commands wait in their queues.
/// </summary>
public sealed class HubSpotAvailability(IOptions<HubSpotAvailabilityOptions> options, TimeProvider clock, ILogger<HubSpotAvailability> logger)
{
    private readonly Lock _lock = new();
    private int _failedBatchesInARow;
    private TaskCompletionSource _resumed = NewSignal();
    private TaskCompletionSource _paused = NewSignal();

    public PauseState? Pause { get; private set; }

    public bool IsPaused => Pause is not null;

    /// <summary>Completes when the Worker pauses (for the controller that stops consumption).</summary>
    public Task PausedAsync(CancellationToken cancellationToken) => _paused.Task.WaitAsync(cancellationToken);

    public void ReportSuccess() => Interlocked.Exchange(ref _failedBatchesInARow, 0);

    public void ReportUnavailable(HubSpotUnavailableException exception) => Enter(exception.Reason, exception.Message);

    /// <returns>True when this failure made the Worker pause: HubSpot looks down.</returns>
    public bool ReportTransientFailure(Exception exception)
    {
        if (Interlocked.Increment(ref _failedBatchesInARow) < options.Value.OutageAfterFailedBatches)
        {
            return IsPaused;
        }
        Enter(HubSpotUnavailableReason.Outage, $"HubSpot keeps failing: {exception.Message}");
        return true;
    }

    public void Resume()
    {
        lock (_lock)
        {
            if (Pause is not { } pause)
            {
                return;
            }
            logger.LogWarning("HubSpot answers again after {Seconds:0} s ({Reason}); resuming consumption",
                (clock.GetUtcNow() - pause.Since).TotalSeconds, pause.Reason);
            Pause = null;
            _failedBatchesInARow = 0;
            _paused = NewSignal();
            _resumed.TrySetResult();
        }
    }

    public Task ResumedAsync(CancellationToken cancellationToken) => _resumed.Task.WaitAsync(cancellationToken);

    public TimeSpan ProbeInterval => Pause?.Reason == HubSpotUnavailableReason.DailyLimit
        ? options.Value.DailyLimitProbeInterval
        : options.Value.ProbeInterval;

    private void Enter(HubSpotUnavailableReason reason, string message)
    {
        lock (_lock)
        {
            if (Pause is not null)
            {
                return;
            }
            Pause = new PauseState(reason, message, clock.GetUtcNow());
            _resumed = NewSignal();
            _paused.TrySetResult();
            logger.LogError("Pausing consumption: {Reason}. {Message} Commands stay in their queues until HubSpot answers again",
                reason, message);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Why and since when the Worker is paused.</summary>
public sealed record PauseState(HubSpotUnavailableReason Reason, string Message, DateTimeOffset Since);
