using System.Diagnostics;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Outages;

public sealed class BrokerOutageTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task With_the_broker_stopped_a_submit_is_503_within_seconds_and_nothing_stays_accepted_then_the_service_recovers()
    {
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        await BrokerControl.StopAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await stack.ApiClient.PostJsonAsync("/api/v1/hubspot/contact", TestData.Contact());
            clock.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        }
        finally
        {
            await BrokerControl.StartAsync();
        }

        var recovered = await Eventually.GetAsync(
            async () => (await stack.ApiClient.PostJsonAsync("/api/v1/hubspot/contact", TestData.Contact())),
            r => r.StatusCode == HttpStatusCode.Accepted, "the Api to accept again", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        var requestId = JsonDocument.Parse(await recovered.Content.ReadAsStringAsync()).RootElement.GetProperty("requestId").GetGuid();
        var status = await stack.ApiClient.WaitForFinalAsync(requestId, TimeSpan.FromSeconds(90));
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_submit_answered_503_whose_command_got_through_after_all_is_one_ticket_when_retried_with_its_key()
    {
        var contactId = await stack.CreateContactAsync();
        var subject = $"ambiguous {Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { contactId, tickets = new[] { TestData.Ticket(subject) } });
        var key = Guid.NewGuid().ToString();

        await BrokerControl.BlockPublishersAsync();
        try
        {
            using var refused = await stack.ApiClient.PostJsonTextAsync(ApiCalls.Tickets, body, key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("same Idempotency-Key", await refused.Content.ReadAsStringAsync());
        }
        finally
        {
            await BrokerControl.UnblockPublishersAsync();
        }
        await Eventually.TrueAsync(async () => (await TicketsAsync(subject)).Count > 0,
            "the refused attempt's command, read once the broker reads again, to create its ticket", TimeSpan.FromSeconds(60));

        using var retry = await stack.ApiClient.PostJsonTextAsync(ApiCalls.Tickets, body, key);

        Assert.Contains(retry.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        var requestId = (await retry.JsonAsync()).RequestId();
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
        Assert.Single(await TicketsAsync(subject));
    }

    private async Task<List<EmulatedObject>> TicketsAsync(string subject) =>
        (await stack.EmulatorControl.ObjectsAsync("tickets")).Where(t => t.Property("subject") == subject).ToList();
}
