namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>A stack whose Api deletes finished requests five seconds after they finished, two per batch, every second.</summary>
public sealed class ShortRetentionStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        options.Api["Retention__Age"] = "00:00:05";
        options.Api["Retention__Interval"] = "00:00:01";
        options.Api["Retention__BatchSize"] = "2";
    }
}

public sealed class RetentionTests(ShortRetentionStack stack) : IClassFixture<ShortRetentionStack>
{
    [Fact]
    public async Task Finished_requests_go_after_the_retention_age_in_batches_and_accepted_ones_stay()
    {
        var oldAccepted = Guid.NewGuid();
        var oldFinished = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await stack.Database.ScalarAsync<long>($"""
            INSERT INTO requests (id, kind, status, source, created_at, updated_at, completed_at)
            VALUES ('{oldAccepted}', 'deals', 'accepted', 'api', now() - interval '40 days', now() - interval '40 days', NULL),
                   {string.Join(",\n", oldFinished.Select((id, i) =>
                       $"('{id}', 'contact', '{(i % 2 == 0 ? "succeeded" : "failed")}', 'api', now() - interval '40 days', now() - interval '39 days', now() - interval '39 days')"))}
            """);
        var key = Guid.NewGuid().ToString();
        using var submitted = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), key);
        var requestId = (await submitted.JsonAsync()).RequestId();

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
        await Eventually.TrueAsync(
            async () => await stack.Database.ScalarAsync<long>($"SELECT count(*) FROM requests WHERE id IN ({string.Join(",", oldFinished.Select(id => $"'{id}'"))})") == 0,
            "the old finished requests to be deleted", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await stack.ApiClient.StatusAsync(requestId) is null,
            "the finished request to be deleted once 5 s old", TimeSpan.FromSeconds(30));

        Assert.Equal("accepted", (await stack.ApiClient.StatusAsync(oldAccepted))!.Value.Status());
        Assert.Equal(0L, await stack.Database.ScalarAsync<long>($"SELECT count(*) FROM idempotency_keys WHERE request_id = '{requestId}'"));
        using var reused = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), key);
        Assert.Equal(HttpStatusCode.Accepted, reused.StatusCode);
        Assert.NotEqual(requestId, (await reused.JsonAsync()).RequestId());
    }
}
