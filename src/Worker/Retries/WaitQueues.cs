using System.Globalization;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Retries;

/// <summary>The names of the wait queues: "{queue}_retry-10s", "{queue}_retry-1m", … one per configured delay.</summary>
public sealed class WaitQueues(IOptions<CommandRetryOptions> options)
{
    public IReadOnlyList<TimeSpan> Delays => options.Value.EffectiveDelays;

    public static string Name(string queue, TimeSpan delay) => $"{queue}_retry-{Format(delay)}";

    public static string ErrorQueue(string queue) => $"{queue}_error";

    /// <summary>What the broker must hold for <paramref name="queue"/>'s retries and refusals (<see cref="BrokerAdministration.DeclareWaitQueuesAsync"/>).</summary>
    public WaitQueueTopology Topology(string queue) => new(queue, ErrorQueue(queue), [.. Delays.Select(delay => new WaitQueue(Name(queue, delay), delay))]);

    private static string Format(TimeSpan delay) =>
        delay.TotalMilliseconds % 60_000 == 0 ? $"{delay.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m"
        : delay.TotalMilliseconds % 1000 == 0 ? $"{delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
        : $"{delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
