using System.Net.Http.Json;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// A send no queue takes (its queue deleted, expired or lost with a node) must never be confirmed and dropped: the Api
/// answers 503 instead of 202, and the Worker declares a missing wait queue again instead of acknowledging a retry into
/// nowhere.
/// </summary>
public sealed class UnroutableCommandTests(NeverPausingStack stack) : IClassFixture<NeverPausingStack>
{
    [Fact]
    public async Task Submissions_after_their_queue_was_deleted_are_answered_503_or_reach_a_final_status()
    {
        await stack.CreateContactAsync();
        await stack.Worker.KillAsync();
        await stack.Broker.Management.DeleteQueueAsync("hubspot.upsert-contact");

        var answers = new List<(Guid Request, int Refusals)>();
        for (var i = 0; i < 50; i++)
        {
            answers.Add(await SubmitRetryingEach503Async(TestData.Contact(), $"unroutable-{Guid.NewGuid():N}"));
        }
        await stack.Worker.StartAsync();

        foreach (var (request, _) in answers)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(request, TimeSpan.FromSeconds(60))).Status());
        }
        Assert.True(answers.Sum(a => a.Refusals) >= 1, "the first send to the deleted queue was returned and answered 503");
    }

    [Fact]
    public async Task A_batch_sent_after_its_queue_was_deleted_loses_no_item_each_is_refused_503_failed_not_queued_or_succeeded()
    {
        await stack.CreateContactAsync();
        await stack.Worker.KillAsync();
        await stack.Broker.Management.DeleteQueueAsync("hubspot.upsert-contacts");
        var contacts = Enumerable.Range(0, 300).Select(_ => TestData.Contact()).ToList();
        var key = $"unroutable-batch-{Guid.NewGuid():N}";

        var refusals = 0;
        HttpResponseMessage response;
        while (true)
        {
            response = await stack.ApiClient.PostAsync("/api/v1/hubspot/contacts/batch", new { items = contacts }, key);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || refusals == 10)
            {
                break;
            }
            refusals++;
            response.Dispose();
        }
        using var accepted = response;
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var batchId = (await accepted.JsonAsync()).GetProperty("batchId").GetGuid();
        await stack.Worker.StartAsync();

        var batch = await Batches.BatchCalls.WaitForCompletedAsync(stack.ApiClient, batchId);
        Assert.Equal("completed", batch.Status());
        var items = await Batches.BatchCalls.ItemsAsync(stack.ApiClient, batchId, limit: 1000);
        Assert.Equal(300, items.Count);
        var failed = items.Where(i => i.GetProperty("request").Status() == "failed").ToList();
        Assert.All(failed, i => Assert.Equal("not_queued", i.GetProperty("request").GetProperty("error").GetProperty("code").GetString()));
        Assert.True(refusals + failed.Count >= 1, "the first sends to the deleted queue were returned, refusing the batch or its items");
        var emails = (await stack.EmulatorControl.ObjectsAsync("contacts")).Select(c => c.Property("email")).ToHashSet();
        foreach (var item in items.Where(i => i.GetProperty("request").Status() == "succeeded"))
        {
            Assert.Contains((string)contacts[item.GetProperty("index").GetInt32()]["email"], emails);
        }
    }

    [Fact]
    public async Task A_retry_whose_wait_queue_was_deleted_declares_it_again_and_the_command_still_succeeds()
    {
        await stack.CreateContactAsync();
        await stack.Broker.Management.DeleteQueueAsync("hubspot.upsert-contact_retry-1s");
        await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = new[] { new { path = "crm/v3/objects/contacts/batch/upsert", status = 503 } } } });
        Guid request;
        try
        {
            request = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact());
            await Eventually.TrueAsync(async () => await stack.Broker.Management.QueueAsync("hubspot.upsert-contact_retry-1s") is not null,
                "the wait queue to be declared again", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });
        }

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(request, TimeSpan.FromSeconds(60))).Status());
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    /// <summary>Submits as a careful client does: a 503 is retried with the same Idempotency-Key.</summary>
    private async Task<(Guid Request, int Refusals)> SubmitRetryingEach503Async(object body, string key)
    {
        for (var refusals = 0; ; refusals++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hubspot/contact") { Content = JsonContent.Create(body) };
            message.Headers.Add("Idempotency-Key", key);
            using var response = await stack.ApiClient.Http.SendAsync(message);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && refusals < 10)
            {
                continue;
            }
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (accepted.GetProperty("requestId").GetGuid(), refusals);
        }
    }
}
