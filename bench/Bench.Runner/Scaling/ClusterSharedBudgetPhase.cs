using HubSpotCrm.Bench.Bus;
using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Scaling;

/// <summary>
/// The shared-budget phase where issue 15 asks for it: the three Workers run.sh started frozen on the 3-node cluster,
/// with the cluster started for the phase (and stopped after it) and the runner publishing to and listening on node 1.
/// </summary>
internal static class ClusterSharedBudgetPhase
{
    public const string Name = "shared-budget-cluster";

    /// <param name="notes">The report's notes: broker events on the cluster go there.</param>
    public static async Task<SharedBudgetResult> RunAsync(BenchSettings settings, EmulatorControl emulator, CpuMeter cpu, List<string> notes)
    {
        if (settings is not { ClusterWorkers.Count: > 0, ClusterScript: { } script, ClusterVirtualHost: { } virtualHost })
        {
            throw new InvalidOperationException("run.sh gave no cluster Workers (BENCH_CLUSTER_WORKER_PIDS, BENCH_CLUSTER_WORKER_URLS, BENCH_CLUSTER_SCRIPT, BENCH_CLUSTER_VHOST).");
        }
        await using var cluster = await BrokerCluster.StartAsync(script, virtualHost, settings.ResultsDirectory);
        await using var listener = await ResultListener.StartAsync(cluster.AmqpUri);
        await using var sender = await CommandSender.StartAsync(cluster.AmqpUri);
        listener.Phase = Name;
        var result = await new SharedBudgetPhase(Name, settings, new BusWorkloads(settings, sender, listener, emulator, cpu), sender,
            settings.ClusterWorkers, resident: null).RunAsync(
            cluster.StartSeconds > 0
                ? $"a 3-node RabbitMQ cluster (scripts/rabbitmq/cluster.sh), quorum queues, started for this phase in {cluster.StartSeconds:0.0} s and stopped after it"
                : "a 3-node RabbitMQ cluster (scripts/rabbitmq/cluster.sh) that was already running, quorum queues",
            $"{settings.ClusterWorkers.Count} Workers of the same build and settings (no HubSpot__RateLimits__Share), each with RabbitMq__Nodes naming " +
            "the three nodes and connected to one of them, consuming the contact queue (a quorum queue with a replica on each node), each counting " +
            "its consumers every 2 s and taking 1/N of HubSpot's budget; the runner publishes to and listens on node 1. The bench's Worker " +
            "stays idle on the machine's node. Three RabbitMQ nodes, the machine's node, PostgreSQL, the Api, the emulator and the runner share the same cores.");
        notes.AddRange(listener.BrokerEvents.Select(e => $"Broker (cluster): {e}. Figures of that phase are not representative."));
        return result;
    }
}
