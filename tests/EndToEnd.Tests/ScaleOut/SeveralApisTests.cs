using System.Globalization;
using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Batches;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two Api instances on one database and one broker behave as one: a client may reach either for any call, a retry
/// included, and sees the same requests, the same states and one command per Idempotency-Key.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SeveralApisTests(ScaleOutStack stack)
{
    [Fact]
    public async Task A_request_submitted_to_one_Api_reads_the_same_on_the_other_while_accepted_and_once_final()
    {
        var requestId = await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact());

        Assert.NotNull(await stack.SecondClient.StatusAsync(requestId));
        var final = await stack.SecondClient.WaitForFinalAsync(requestId);

        Assert.Equal("succeeded", final.Status());
        Assert.Equal(final.GetRawText(), (await stack.ApiClient.StatusAsync(requestId))!.Value.GetRawText());
    }

    [Fact]
    public async Task Prefer_wait_on_either_Api_answers_the_final_state_whichever_instance_recorded_it()
    {
        var requests = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact())));

        var answers = await Task.WhenAll(requests.Select((id, i) => (i % 2 == 0 ? stack.SecondClient : stack.ApiClient).GetStatusAsync(id, prefer: "wait=30")));

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("wait=30", answer.Header("Preference-Applied"));
            Assert.Equal("succeeded", (await answer.JsonAsync()).Status());
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_retry_with_the_same_key_sent_to_the_other_Api_is_the_same_request_and_publishes_once()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();

        using var first = await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key);
        using var retry = await stack.SecondClient.PostAsync(ApiCalls.Contact, body, key);

        var requestId = (await first.JsonAsync()).RequestId();
        Assert.Equal(requestId, (await retry.JsonAsync()).RequestId());
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal(1u, await probe.CountAsync());
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email") == (string)body["email"]);
    }

    [Fact]
    public async Task The_same_key_sent_to_both_Apis_at_once_is_one_request_and_one_command()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var submissions = Enumerable.Range(0, 10).Select(_ => (Key: Guid.NewGuid().ToString(), Body: TestData.Contact())).ToList();

        var answers = await Task.WhenAll(submissions.SelectMany(s => new[]
        {
            stack.ApiClient.PostAsync(ApiCalls.Contact, s.Body, s.Key),
            stack.SecondClient.PostAsync(ApiCalls.Contact, s.Body, s.Key),
        }));

        var ids = new List<Guid>();
        foreach (var pair in answers.Chunk(2))
        {
            var a = (await pair[0].JsonAsync()).RequestId();
            var b = (await pair[1].JsonAsync()).RequestId();
            Assert.Equal(a, b);
            Assert.Single(pair, r => r.Header("Idempotent-Replayed") == "true");
            ids.Add(a);
        }
        foreach (var id in ids)
        {
            await stack.ApiClient.WaitForFinalAsync(id);
        }
        Assert.Equal(10u, await probe.CountAsync());
    }

    [Fact]
    public async Task The_list_on_either_Api_shows_the_requests_submitted_to_both_in_the_same_order()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture);
        var created = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            created.Add(await (i % 2 == 0 ? stack.ApiClient : stack.SecondClient).SubmitAsync(ApiCalls.Contact, TestData.Contact()));
        }

        var first = await ListAsync(stack.ApiClient, since);
        var second = await ListAsync(stack.SecondClient, since);

        Assert.Equal(first, second);
        Assert.Equal(Enumerable.Reverse(created), first.Where(created.Contains));
    }

    [Fact]
    public async Task A_bulk_submission_to_one_Api_completes_as_the_other_reads_it()
    {
        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, Enumerable.Range(0, 20).Select(_ => TestData.Contact()));
        var batchId = (await response.JsonAsync()).GetProperty("batchId").GetGuid();

        var batch = await stack.SecondClient.WaitForCompletedAsync(batchId);

        Assert.Equal(20, batch.GetProperty("counts").GetProperty("succeeded").GetInt32());
    }

    private static async Task<List<Guid>> ListAsync(ApiClient client, string since)
    {
        using var response = await client.Http.GetAsync($"/api/v1/requests?since={Uri.EscapeDataString(since)}&limit=500");
        var page = await response.JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.RequestId())];
    }
}
