using System.Net;
using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Batches;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// The Worker takes from a queue only the commands of the batches it has in flight (Worker:Batching: two batches of
/// 100 commands, or of one UpsertContacts of up to 100 contacts, per queue): every command it holds stays alive until
/// its batch is written, so each one more costs memory, and the rest wait in the queue, where an operator sees them as
/// ready.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CommandsInFlightTests(ServiceStack stack)
{
    private const string ContactQueue = "hubspot.upsert-contact";
    private const string BulkContactQueue = "hubspot.upsert-contacts";

    [Fact]
    public async Task While_HubSpot_is_slow_the_Worker_holds_two_batches_of_a_queue_and_the_rest_stay_ready_then_all_succeed()
    {
        var singles = Enumerable.Range(0, 1_000).Select(_ => Guid.NewGuid()).ToList();
        await using var results = await ResultProbe.StartAsync(stack.Broker.AmqpUri);
        await stack.EmulatorControl.SettingsAsync(new { faults = new { latencyMs = 4_000 } });
        Guid batchId;
        var held = new List<long>();
        var heldBulk = new List<long>();
        try
        {
            await RawBus.PublishAsync(stack.Broker.AmqpUri, ContactQueue,
                singles.Select(id => JsonSerializer.Serialize(new { requestId = id, email = TestData.Email("in-flight") }, JsonSerializerOptions.Web)));
            using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts,
                [.. Enumerable.Range(0, 1_000).Select(_ => TestData.Contact())]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            batchId = (await response.JsonAsync()).BatchId();

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && (held.Count(h => h > 0) < 3 || heldBulk.Count(h => h > 0) < 3))
            {
                await SampleAsync(ContactQueue, held);
                await SampleAsync(BulkContactQueue, heldBulk);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { latencyMs = 0 } });
        }

        Assert.True(held.Count(h => h > 0) >= 3, $"the broker's statistics showed the Worker holding commands ({string.Join(", ", held)})");
        Assert.All(held, h => Assert.InRange(h, 0, 2 * 100));
        Assert.Contains(2 * 100, held);
        Assert.True(heldBulk.Count(h => h > 0) >= 3, $"the broker's statistics showed the Worker holding bulk commands ({string.Join(", ", heldBulk)})");
        Assert.All(heldBulk, h => Assert.InRange(h, 0, 2));
        Assert.Contains(2, heldBulk);
        var completed = await stack.ApiClient.WaitForCompletedAsync(batchId, TimeSpan.FromSeconds(120));
        Assert.Equal(1_000, completed.Count("succeeded"));
        var answered = await results.WaitForAsync(singles, singles.Count);
        Assert.All(answered, e => Assert.Equal("ContactUpserted", e.Type));
    }

    private async Task SampleAsync(string queue, List<long> held)
    {
        if (await stack.Broker.Management.QueueAsync(queue) is { Messages: > 0 } counts)
        {
            held.Add(counts.Messages - counts.Ready);
        }
    }
}
