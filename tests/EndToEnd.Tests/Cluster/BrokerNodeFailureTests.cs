using HubSpotCrm.EndToEnd.Tests.FaultSuite;
using Xunit.Abstractions;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>
/// The node that leads the command queues, killed with SIGKILL under load on the 3-node cluster, with two Apis and three
/// Workers on it: the quorum queues elect a leader on another node, the services reconnect to a node that answers, and
/// nothing accepted is lost or written twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BrokerNodeFailureTests(ClusterStack stack, ITestOutputHelper output)
{
    private static readonly string[] CommandQueues = ["hubspot.upsert-contact", "hubspot.upsert-deals", "hubspot.create-tickets"];

    private static readonly TimeSpan Completion = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_broker_node_killed_with_SIGKILL_mid_load_loses_no_accepted_command_and_HubSpot_holds_exactly_the_right_objects()
    {
        await Eventually.TrueAsync(async () => (await stack.Broker.Management.QueueAsync(CommandQueues[0]))?.Consumers >= 3,
            "the three Workers consuming", TimeSpan.FromSeconds(60));
        foreach (var queue in CommandQueues)
        {
            var declared = await ClusterManagement.QueueAsync(stack.Cluster.ManagementUri, stack.Broker.Name, queue);
            Assert.Equal("quorum", declared.GetProperty("type").GetString());
            Assert.Equal(["hubspot-1@localhost", "hubspot-2@localhost", "hubspot-3@localhost"], ClusterManagement.Members(declared));
        }
        var killed = ClusterManagement.NodeNumber(ClusterManagement.Leader(
            await ClusterManagement.QueueAsync(stack.Cluster.ManagementUri, stack.Broker.Name, CommandQueues[0]))!);
        var survivor = stack.Cluster.ManagementUriOf(killed == 1 ? 2 : 1);
        var load = new ClusterLoad(stack, await MixedLoad.PrepareAsync(stack, contacts: 20));
        using var giveUp = new CancellationTokenSource(Completion);

        var running = load.RunAsync(2000, giveUp.Token);
        await Eventually.TrueAsync(() => Task.FromResult(load.Load.Requests.Count >= 500), "a quarter of the load to be accepted", TimeSpan.FromSeconds(60));
        var (killedAt, underWay) = (load.Now, load.Load.Requests.Count);
        await stack.Cluster.KillAsync(killed);
        TimeSpan leaderless;
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                foreach (var queue in CommandQueues)
                {
                    var leader = ClusterManagement.Leader(await ClusterManagement.QueueAsync(survivor, stack.Broker.Name, queue));
                    if (leader is null || ClusterManagement.NodeNumber(leader) == killed)
                    {
                        return false;
                    }
                }
                return true;
            }, "a leader on a live node for every command queue", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
            leaderless = load.Now - killedAt;
            await running;
        }
        finally
        {
            await stack.Cluster.RestartAsync(killed);
        }

        var unavailable = load.Unavailable.Where(at => at >= killedAt).Select(at => at - killedAt).ToList();
        output.WriteLine($"Killed node {killed}, the command queues' leader, with {underWay} of the 2,000 commands accepted.");
        output.WriteLine($"New leaders on live nodes after {leaderless.TotalSeconds:F1} s; {unavailable.Count} answers 503, " +
                         (unavailable.Count == 0 ? "none" : $"the last {unavailable.Max().TotalSeconds:F1} s after the kill") +
                         $"; {load.Republished} bus commands published again for want of a confirm.");
        Assert.Empty(load.Unexpected);
        Assert.Equal(2000, load.Load.Requests.Count);
        await load.Load.AssertAllSucceededAsync(Completion);
        await load.Load.AssertExactlyOnceAsync();
        // 503 only while the services could not put a command on a queue: its leader gone, or their connection to the
        // dead node not yet moved to another one (MassTransit reconnects within a few seconds).
        Assert.All(unavailable, after => Assert.True(after <= leaderless + TimeSpan.FromSeconds(20),
            $"a 503 {after.TotalSeconds:F1} s after the kill, with new leaders after {leaderless.TotalSeconds:F1} s"));
    }
}
