using HubSpotCrm.EndToEnd.Tests.FaultSuite;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>
/// Workers coming and going under load on the cluster: one killed with SIGKILL, whose unacknowledged commands the
/// quorum queues hand to the others, and a fourth one started, which takes its part of the queues and of the budget.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerChurnTests(ClusterStack stack)
{
    private static readonly TimeSpan Completion = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_Worker_killed_and_another_added_mid_load_lose_nothing_and_write_nothing_twice()
    {
        await Eventually.TrueAsync(async () => (await stack.Broker.Management.QueueAsync("hubspot.upsert-contact"))?.Consumers >= 3,
            "the three Workers consuming", TimeSpan.FromSeconds(60));
        var leaving = stack.ExtraWorkers[^1];
        await using var joining = stack.CreateWorker("worker-4");
        var load = new ClusterLoad(stack, await MixedLoad.PrepareAsync(stack, contacts: 20));
        using var giveUp = new CancellationTokenSource(Completion);

        var running = load.RunAsync(2000, giveUp.Token);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(load.Load.Requests.Count >= 400), "a part of the load to be accepted", TimeSpan.FromSeconds(60));
            await leaving.KillAsync();
            await Eventually.TrueAsync(() => Task.FromResult(load.Load.Requests.Count >= 1000), "half of the load to be accepted", TimeSpan.FromSeconds(60));
            await joining.StartAsync();
            await running;
            await Eventually.TrueAsync(() => Task.FromResult(joining.Output.Any(l => l.Contains("Taking 0.333 of HubSpot's budget", StringComparison.Ordinal))),
                "the joining Worker to take a third of the budget", TimeSpan.FromSeconds(20));
        }
        finally
        {
            await leaving.StartAsync();
        }

        Assert.Empty(load.Unexpected);
        Assert.Equal(2000, load.Load.Requests.Count);
        await load.Load.AssertAllSucceededAsync(Completion);
        await load.Load.AssertExactlyOnceAsync();
    }
}
