using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Retries;

/// <summary>The wait queues of the command queues, one per configured delay (<see cref="WaitQueueNames"/>).</summary>
public sealed class WaitQueues(IOptions<CommandRetryOptions> options)
{
    public IReadOnlyList<TimeSpan> Delays => options.Value.EffectiveDelays;

    /// <summary>What the broker must hold for <paramref name="queue"/>'s retries and refusals (<see cref="BrokerAdministration.DeclareQueuesAsync"/>).</summary>
    public WaitQueueTopology Topology(string queue) => WaitQueueNames.Topology(queue, Delays);
}
