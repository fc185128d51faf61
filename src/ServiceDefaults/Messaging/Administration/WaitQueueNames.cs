using System.Globalization;

namespace HubSpotCrm.ServiceDefaults.Messaging.Administration;

/// <summary>
/// The names of a queue's wait queues ("{queue}_retry-10s", "{queue}_retry-1m", …, one per delay) and of its _error
/// queue, for every queue that retries through TTL queues: the Worker's command queues and the Api's webhook deliveries.
/// </summary>
public static class WaitQueueNames
{
    public static string Name(string queue, TimeSpan delay) => $"{queue}_retry-{Format(delay)}";

    public static string ErrorQueue(string queue) => $"{queue}_error";

    /// <summary>
    /// Where to send to <paramref name="queue"/>'s _error queue: its exchange, which <see cref="BrokerAdministration.DeclareQueuesAsync"/>
    /// binds to it as MassTransit's error transport does. "queue:" would have MassTransit declare the queue without
    /// arguments, a classic queue, which the broker refuses beside a quorum one.
    /// </summary>
    public static Uri ErrorQueueAddress(string queue) => new($"exchange:{ErrorQueue(queue)}");

    /// <summary>What the broker must hold for <paramref name="queue"/>'s retries and refusals (<see cref="BrokerAdministration.DeclareQueuesAsync"/>).</summary>
    public static WaitQueueTopology Topology(string queue, IEnumerable<TimeSpan> delays) =>
        new(queue, ErrorQueue(queue), [.. delays.Distinct().Select(delay => new WaitQueue(Name(queue, delay), delay))]);

    private static string Format(TimeSpan delay) =>
        delay.TotalMilliseconds % 60_000 == 0 ? $"{delay.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m"
        : delay.TotalMilliseconds % 1000 == 0 ? $"{delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
        : $"{delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
