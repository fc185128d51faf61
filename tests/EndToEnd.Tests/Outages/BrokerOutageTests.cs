using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Outages;

public sealed class BrokerOutageTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
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
