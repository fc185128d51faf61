using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Batches;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Three Workers on one HubSpot account, with no share of the budget configured, stay inside HubSpot's limit together
/// and take up a Worker's part when it dies.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SharedBudgetTests(ScaleOutStack stack)
{
    private const string ContactQueue = "hubspot.upsert-contact";

    [Fact]
    public async Task Three_Workers_with_no_share_configured_stay_inside_HubSpots_limit_together()
    {
        await WaitForConsumersAsync(3);
        await stack.EmulatorControl.ResetStatsAsync();

        // 12,000 contacts are 120 batch upserts: more than HubSpot's 110 per 10 s, which three Workers each taking the
        // whole budget would try to spend in the first seconds.
        // One batch at a time: faster than three Workers drain, and no confirm waits long enough to fail an item.
        var batches = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, Enumerable.Range(0, 1000).Select(_ => TestData.Contact()));
            // 200 rather than 202 when three Workers finished the batch before the Api answered.
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
            batches.Add((await response.JsonAsync()).GetProperty("batchId").GetGuid());
        }
        var succeeded = 0;
        foreach (var batch in batches)
        {
            succeeded += (await stack.ApiClient.WaitForCompletedAsync(batch, TimeSpan.FromSeconds(120))).GetProperty("counts").GetProperty("succeeded").GetInt32();
        }

        var stats = await stack.EmulatorControl.StatsAsync();
        Assert.True(stats.Http429 <= stats.TotalCalls / 100, $"{stats.Http429} of {stats.TotalCalls} calls were answered 429");
        Assert.Equal(12_000, succeeded);
        Assert.All(stack.Workers, w => Assert.Contains(w.Output, line => line.Contains("Taking 0.333 of HubSpot's budget", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_a_Worker_dies_the_others_take_its_part_within_one_window_and_give_it_back_when_it_returns()
    {
        await WaitForConsumersAsync(3);
        var leaving = stack.ExtraWorkers[^1];

        await leaving.KillAsync();

        await Eventually.TrueAsync(() => Task.FromResult(stack.Workers.Where(w => w != leaving)
                .All(w => w.Output.LastOrDefault(l => l.Contains("of HubSpot's budget", StringComparison.Ordinal))?.Contains("Taking 0.5 of", StringComparison.Ordinal) == true)),
            "the two Workers left to take half of the budget each", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));

        await leaving.StartAsync();
        await Eventually.TrueAsync(() => Task.FromResult(stack.Workers
                .All(w => w.Output.LastOrDefault(l => l.Contains("of HubSpot's budget", StringComparison.Ordinal))?.Contains("Taking 0.333 of", StringComparison.Ordinal) == true)),
            "all three to take a third again", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
    }

    private Task WaitForConsumersAsync(int workers) =>
        Eventually.TrueAsync(async () => (await stack.Broker.Management.QueueAsync(ContactQueue))?.Consumers >= workers,
            $"{workers} Workers consuming {ContactQueue}", TimeSpan.FromSeconds(60));
}
