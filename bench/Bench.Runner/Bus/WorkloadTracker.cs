using System.Collections.Concurrent;
using System.Diagnostics;

namespace HubSpotCrm.Bench.Bus;

/// <summary>
/// The result events of one workload as they arrive: when each command finished, with how many objects written or
/// refused. The measured window starts when the warm-up objects have finished and ends at the last result.
/// </summary>
internal sealed class WorkloadTracker(string name, int totalCommands, int warmupObjects)
{
    private readonly Lock _gate = new();
    private readonly List<Completion> _completions = new(totalCommands);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _failureSamples = [];
    private int _finishedObjects;

    public string Name => name;

    public int TotalCommands => totalCommands;

    public int WarmupObjects => warmupObjects;

    public long FirstPublish { get; set; }

    public long LastPublish { get; set; }

    /// <summary>Commands dropped from the queue after a timeout.</summary>
    public uint Purged { get; set; }

    public TimeSpan TimedOutAfter { get; set; }

    /// <summary>Contact ids from ContactUpserted events, when the workload creates contacts for later ones.</summary>
    public ConcurrentQueue<string> ContactIds { get; } = new();

    /// <summary>Completes when every command has its result.</summary>
    public Task Done => _done.Task;

    /// <summary>Completes, with the timestamp, when the warm-up objects have finished (at once when there is no warm-up).</summary>
    public Task<long> WarmedUp => _warmedUp.Task;

    public void Start(long timestamp)
    {
        FirstPublish = timestamp;
        if (warmupObjects == 0)
        {
            _warmedUp.TrySetResult(timestamp);
        }
    }

    /// <summary>One command's result: <paramref name="objects"/> finished, of which <paramref name="succeeded"/> were written.</summary>
    public void Record(int objects, int succeeded, string? failure)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            _completions.Add(new Completion(now, objects, succeeded));
            _finishedObjects += objects;
            if (failure is not null && _failureSamples.Count < 5)
            {
                _failureSamples.Add(failure);
            }
            if (_finishedObjects >= warmupObjects)
            {
                _warmedUp.TrySetResult(now);
            }
            if (_completions.Count == totalCommands)
            {
                _done.TrySetResult();
            }
        }
    }

    public WorkloadSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new WorkloadSnapshot([.. _completions], [.. _failureSamples]);
        }
    }
}

internal readonly record struct Completion(long Timestamp, int Objects, int Succeeded);

internal sealed record WorkloadSnapshot(IReadOnlyList<Completion> Completions, IReadOnlyList<string> FailureSamples);
