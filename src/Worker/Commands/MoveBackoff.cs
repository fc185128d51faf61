namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// How long a refused message whose move to _error failed is held before it goes back to its queue. The broker
/// delivers it again at once, and while the move keeps failing (the broker away, the error queue unreachable) that
/// would be a loop as fast as the network: the wait doubles from 1 s up to 1 min while moves keep failing, well inside
/// RabbitMQ's 30-minute limit for an unacknowledged message.
/// </summary>
public sealed class MoveBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private int _failures;

    /// <summary>Counts a failed move; the wait before its message goes back.</summary>
    public TimeSpan Failed()
    {
        var failures = Interlocked.Increment(ref _failures);
        return TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(failures - 1, 6)));
    }

    public void Succeeded() => Interlocked.Exchange(ref _failures, 0);
}
