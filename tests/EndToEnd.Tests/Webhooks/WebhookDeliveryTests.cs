using System.Globalization;
using System.Text.RegularExpressions;
using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Batches;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>Completion callbacks, from the request turning final to the receiver's answer, on the real broker and database.</summary>
[Collection(WebhookCollection.Name)]
public sealed partial class WebhookDeliveryTests(WebhookStack stack)
{
    [Fact]
    public async Task A_final_request_is_posted_to_the_clients_endpoint_signed_and_as_its_status_reads()
    {
        var requestId = await stack.ApiClient.SubmitContactAsync();

        var delivery = await stack.Receiver.WaitForAsync(requestId);

        Assert.True(delivery.Verified, "the signature verifies with the StandardWebhooks package");
        Assert.Equal("/hooks/e2e", delivery.Path);
        Assert.StartsWith("v1,", delivery.Signature, StringComparison.Ordinal);
        var status = await stack.ApiClient.WaitForWebhookStateAsync(requestId, "delivered");
        var webhook = status.GetProperty("webhook");
        Assert.Equal(1, webhook.GetProperty("attempts").GetInt32());
        Assert.Equal(200, webhook.GetProperty("responseStatus").GetInt32());
        Assert.Equal(JsonValueKind.String, webhook.GetProperty("deliveredAt").ValueKind);
        // The callback is the status document without its own webhook member.
        var posted = delivery.Json;
        Assert.False(posted.TryGetProperty("webhook", out _));
        foreach (var member in new[] { "requestId", "kind", "status", "source", "createdAt", "completedAt" })
        {
            Assert.Equal(status.GetProperty(member).ToString(), posted.GetProperty(member).ToString());
        }
        Assert.Equal(status.GetProperty("result").GetRawText(), posted.GetProperty("result").GetRawText());
        Assert.Equal("succeeded", posted.Status());
    }

    [Fact]
    public async Task A_receiver_that_answers_500_three_times_gets_the_delivery_on_the_fourth_attempt_with_the_same_webhook_id()
    {
        var requestId = await SubmitScriptedAsync(500, 500, 500);

        var status = await stack.ApiClient.WaitForWebhookStateAsync(requestId, "delivered");

        var attempts = stack.Receiver.For(requestId);
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(requestId.ToString(), a.WebhookId));
        Assert.All(attempts, a => Assert.True(a.Verified));
        Assert.Equal(4, status.GetProperty("webhook").GetProperty("attempts").GetInt32());
        Assert.Equal(200, status.GetProperty("webhook").GetProperty("responseStatus").GetInt32());
    }

    [Fact]
    public async Task While_a_delivery_is_failing_its_status_shows_the_last_error_and_the_next_attempt()
    {
        var requestId = await SubmitScriptedAsync(503, 503, 503, 503);

        var status = await stack.ApiClient.WaitForWebhookStateAsync(requestId, "failing");

        var webhook = status.GetProperty("webhook");
        Assert.Equal(503, webhook.GetProperty("responseStatus").GetInt32());
        Assert.Contains("503", webhook.GetProperty("lastError").GetString());
        Assert.True(webhook.GetProperty("nextAttemptAt").GetDateTimeOffset() > webhook.GetProperty("lastAttemptAt").GetDateTimeOffset());
        await stack.ApiClient.WaitForWebhookStateAsync(requestId, "delivered");
    }

    [Fact]
    public async Task A_delivery_still_failing_when_the_retry_time_is_spent_is_parked_saying_so()
    {
        var requestId = await SubmitScriptedAsync([.. Enumerable.Repeat(503, 1000)]);

        var status = await stack.ApiClient.WaitForWebhookStateAsync(requestId, "parked", TimeSpan.FromSeconds(60));

        var webhook = status.GetProperty("webhook");
        Assert.StartsWith("Gave up after", webhook.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains("503", webhook.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("nextAttemptAt").ValueKind);
        var attempts = stack.Receiver.For(requestId).Count;
        Assert.True(attempts > 3, $"{attempts} attempts in the retry time");
        Assert.Equal(attempts, webhook.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_410_Gone_stops_the_retries_at_once_parks_the_delivery_with_the_reason_and_it_can_be_sent_again()
    {
        var requestId = await SubmitScriptedAsync(410);

        var status = await stack.ApiClient.WaitForWebhookStateAsync(requestId, "parked");

        var webhook = status.GetProperty("webhook");
        Assert.Equal(1, webhook.GetProperty("attempts").GetInt32());
        Assert.Equal(410, webhook.GetProperty("responseStatus").GetInt32());
        Assert.Contains("410", webhook.GetProperty("lastError").GetString());
        await Eventually.HoldsAsync(() => Task.FromResult(stack.Receiver.For(requestId).Count == 1), "no attempt after the 410", TimeSpan.FromSeconds(3));
        var parked = await stack.Broker.Management.PeekAsync($"hubspot.webhook-delivery.{ServiceStackOptions.ApiClientName}_error");
        Assert.Contains(parked, m => m.Payload.Contains(requestId.ToString(), StringComparison.Ordinal)
                                     && m.Header("MT-Fault-Message")?.Contains("410", StringComparison.Ordinal) == true);

        using var redeliver = await stack.ApiClient.Http.PostAsync($"/api/v1/requests/{requestId}/webhook/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        var delivered = await stack.ApiClient.WaitForWebhookStateAsync(requestId, "delivered");
        Assert.Equal(2, stack.Receiver.For(requestId).Count);
        Assert.Equal(2, delivered.GetProperty("webhook").GetProperty("attempts").GetInt32());

        using var again = await stack.ApiClient.Http.PostAsync($"/api/v1/requests/{requestId}/webhook/redeliver", null);
        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("delivered", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_submission_names_its_own_callback_url_under_an_allowed_prefix()
    {
        var own = stack.Receiver.Url(WebhookStack.CallbackPath + "orders/42?source=test");

        var requestId = await stack.ApiClient.SubmitContactAsync(own);

        var delivery = await stack.Receiver.WaitForAsync(requestId);
        Assert.Equal(WebhookStack.CallbackPath + "orders/42", delivery.Path);
    }

    [Fact]
    public async Task A_callback_url_outside_the_clients_allowed_prefixes_is_refused_with_422_and_nothing_is_stored()
    {
        using var response = await stack.ApiClient.PostWithCallbackAsync(WebhookCalls.Contact, TestData.Contact(), stack.Receiver.Url("/elsewhere/"));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("prefixes", problem.GetProperty("errors").GetProperty("Callback-Url")[0].GetString());
    }

    [Fact]
    public async Task A_bulk_submission_gets_one_callback_once_it_is_completed()
    {
        var items = Enumerable.Range(0, 5).Select(_ => TestData.Contact()).ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, BatchCalls.Contacts) { Content = System.Net.Http.Json.JsonContent.Create(new { items }) };
        request.Headers.TryAddWithoutValidation("Callback-Url", stack.Receiver.Url(WebhookStack.CallbackPath + "batches"));
        using var response = await stack.ApiClient.Http.SendAsync(request);
        BatchCalls.AssertAccepted(response);
        var batchId = (await response.JsonAsync()).GetProperty("batchId").GetGuid();

        var delivery = await stack.Receiver.WaitForAsync(batchId);

        Assert.True(delivery.Verified);
        Assert.Equal("completed", delivery.Json.Status());
        Assert.Equal(5, delivery.Json.GetProperty("counts").GetProperty("succeeded").GetInt32());
        var batch = await (await stack.ApiClient.GetBatchAsync(batchId)).JsonAsync();
        await Eventually.TrueAsync(async () => (await (await stack.ApiClient.GetBatchAsync(batchId)).JsonAsync())
            .GetProperty("webhook").GetProperty("state").GetString() == "delivered", "the batch's callback to show delivered");
        Assert.Equal(batchId, batch.GetProperty("batchId").GetGuid());
        // Its items get no callbacks of their own.
        Assert.Single(stack.Receiver.Received, d => d.Path == WebhookStack.CallbackPath + "batches" && d.WebhookId == batchId.ToString());
        Assert.DoesNotContain(stack.Receiver.Received, d => d.Path == WebhookStack.CallbackPath + "batches" && d.WebhookId != batchId.ToString());
    }

    [Fact]
    public async Task Attempts_are_counted_by_outcome_and_delivery_latency_is_measured_in_the_metrics()
    {
        var before = await ScrapeAsync();
        var retried = await SubmitScriptedAsync(502);
        var parked = await SubmitScriptedAsync(404);
        await stack.ApiClient.WaitForWebhookStateAsync(retried, "delivered");
        await stack.ApiClient.WaitForWebhookStateAsync(parked, "parked");

        var after = await Eventually.GetAsync(ScrapeAsync,
            scrape => new[] { "delivered", "retrying", "parked" }.All(o => Deliveries(scrape, o) >= Deliveries(before, o) + 1),
            "the attempts to be counted", TimeSpan.FromSeconds(20));
        Assert.Contains("hubspotcrm_api_webhook_delivery_latency_seconds_bucket", after);
    }

    private async Task<string> ScrapeAsync()
    {
        using var anonymous = stack.ApiClient.WithApiKey(null);
        return await anonymous.Http.GetStringAsync("/metrics");
    }

    private static double Deliveries(string scrape, string outcome) =>
        DeliveriesLine().Matches(scrape)
            .Where(m => m.Groups["labels"].Value.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^hubspotcrm_api_webhook_deliveries_total\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex DeliveriesLine();

    /// <summary>A contact whose callback's first answers are <paramref name="statuses"/>, 200 after them.</summary>
    private Task<Guid> SubmitScriptedAsync(params int[] statuses)
    {
        // Scripted by its own path, before the callback can come.
        var path = $"{WebhookStack.CallbackPath}scripted/{Guid.NewGuid():N}";
        stack.Receiver.Script(path, statuses);
        return stack.ApiClient.SubmitContactAsync(stack.Receiver.Url(path));
    }
}
