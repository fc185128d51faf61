using System.Net;
using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Batches;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// The Worker takes from a queue only the commands of the batches it has in flight (Worker:Batching, two of 100 per
/// queue): every command it holds stays alive until its batch is written, so each one more costs memory, and the rest
/// wait in the queue, where an operator sees them as ready.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CommandsInFlightTests(ServiceStack stack)
{
    private const string ContactQueue = "hubspot.upsert-contact";
    private const int InFlight = 2 * 100;

    [Fact]
    public async Task While_HubSpot_is_slow_the_Worker_holds_two_batches_of_a_queue_and_the_rest_stay_ready_then_all_succeed()
    {
        await stack.EmulatorControl.SettingsAsync(new { faults = new { latencyMs = 4_000 } });
        Guid batchId;
        var held = new List<long>();
        try
        {
            using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts,
                [.. Enumerable.Range(0, 1_000).Select(_ => TestData.Contact())]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            batchId = (await response.JsonAsync()).BatchId();

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && held.Count(h => h > 0) < 3)
            {
                var queue = await stack.Broker.Management.QueueAsync(ContactQueue);
                if (queue is { Messages: > 0 })
                {
                    held.Add(queue.Messages - queue.Ready);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { latencyMs = 0 } });
        }

        Assert.True(held.Count(h => h > 0) >= 3, $"the broker's statistics showed the Worker holding commands ({string.Join(", ", held)})");
        Assert.All(held, h => Assert.InRange(h, 0, InFlight));
        Assert.Contains(InFlight, held);
        var completed = await stack.ApiClient.WaitForCompletedAsync(batchId, TimeSpan.FromSeconds(120));
        Assert.Equal(1_000, completed.Count("succeeded"));
    }
}
