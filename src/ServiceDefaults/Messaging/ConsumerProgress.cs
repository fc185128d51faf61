using System.Collections.Concurrent;
using MassTransit;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// What this process's consumers are doing, per queue: how many received messages are not finished yet, and when the
/// last one finished. A queue with unfinished messages whose last finish is long ago has consumers that do not move,
/// which the broker's consumer count cannot show (<see cref="ConsumerWatchdog"/>).
/// </summary>
public sealed class ConsumerProgress(TimeProvider clock) : IReceiveObserver
{
    private readonly ConcurrentDictionary<string, QueueProgress> _queues = new(StringComparer.Ordinal);

    /// <summary>The queues holding unfinished messages with nothing finished for at least <paramref name="stall"/>.</summary>
    public IReadOnlyList<string> Stalled(IEnumerable<string> queues, TimeSpan stall)
    {
        var now = clock.GetUtcNow();
        return [.. queues.Where(q => _queues.TryGetValue(q, out var progress) && progress.InFlight > 0 && now - progress.LastMoved >= stall)];
    }

    public Task PreReceive(ReceiveContext context)
    {
        var progress = Of(context);
        if (Interlocked.Increment(ref progress.InFlightCount) == 1)
        {
            // Idle until now: the clock of this stretch of work starts with its first message.
            progress.LastMoved = clock.GetUtcNow();
        }
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context) => Finished(context);

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Finished(context);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    private Task Finished(ReceiveContext context)
    {
        var progress = Of(context);
        Interlocked.Decrement(ref progress.InFlightCount);
        progress.LastMoved = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    private QueueProgress Of(ReceiveContext context) =>
        _queues.GetOrAdd(context.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "", _ => new QueueProgress());

    private sealed class QueueProgress
    {
        public int InFlightCount;

        public int InFlight => Volatile.Read(ref InFlightCount);

        public DateTimeOffset LastMoved { get; set; }
    }
}
