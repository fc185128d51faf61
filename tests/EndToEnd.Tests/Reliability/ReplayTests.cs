namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>Every message can arrive twice; HubSpot has no idempotency keys, so ours must hold.</summary>
public sealed class ReplayTests(ReliabilityStack stack) : IClassFixture<ReliabilityStack>
{
    [Fact]
    public async Task The_same_request_id_published_twice_gives_one_ticket_and_one_deal()
    {
        var contactId = await stack.CreateContactAsync();
        var dealname = TestData.Unique("Replayed deal");
        var subject = TestData.Unique("Replayed ticket");
        var deals = JsonSerializer.Serialize(new { requestId = Guid.NewGuid(), contactId, deals = new[] { new { dealname, amount = 10, dealstage = "closedwon" } } }, JsonSerializerOptions.Web);
        var tickets = JsonSerializer.Serialize(new
        {
            requestId = Guid.NewGuid(),
            contactId,
            tickets = new[] { new { subject, content = "c", category = "BILLING_ISSUE", pipeline = "0", pipelineStage = "1", priority = "LOW" } },
        }, JsonSerializerOptions.Web);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            await stack.Broker.Management.PublishAsync("hubspot.upsert-deals", "", deals);
            await stack.Broker.Management.PublishAsync("hubspot.create-tickets", "", tickets);
        }
        var dealRequest = JsonDocument.Parse(deals).RootElement.GetProperty("requestId").GetGuid();
        var ticketRequest = JsonDocument.Parse(tickets).RootElement.GetProperty("requestId").GetGuid();
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(dealRequest)).GetProperty("status").GetString());
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(ticketRequest)).GetProperty("status").GetString());
        // Both copies have been consumed once the queues are empty.
        await Eventually.TrueAsync(async () => (await stack.Broker.Management.QueuesAsync()).Where(q => !q.Name.Contains('_', StringComparison.Ordinal) && q.Name.StartsWith("hubspot.", StringComparison.Ordinal)).All(q => q.Messages == 0),
            "the command queues to drain");

        Assert.Single(await stack.EmulatorControl.ObjectsAsync("deals"), d => d.Property("dealname") == dealname);
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("tickets"), t => t.Property("subject") == subject);
    }

    [Fact]
    public async Task A_Worker_killed_between_HubSpots_write_and_the_ack_replays_the_batch_without_writing_twice()
    {
        var contactId = await stack.CreateContactAsync();
        var dealname = TestData.Unique("Crash deal");
        var subject = TestData.Unique("Crash ticket");
        await stack.EmulatorControl.SettingsAsync(new { faults = new { responseDelayMs = 30_000 } });
        Guid dealRequest;
        Guid ticketRequest;
        try
        {
            dealRequest = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(dealname) } });
            ticketRequest = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/tickets", new { contactId, dealIds = Array.Empty<string>(), tickets = new[] { TestData.Ticket(subject) } });
            await Eventually.TrueAsync(async () =>
                    (await stack.EmulatorControl.ObjectsAsync("deals")).Any(d => d.Property("dealname") == dealname) &&
                    (await stack.EmulatorControl.ObjectsAsync("tickets")).Any(t => t.Property("subject") == subject),
                "HubSpot to hold the deal and the ticket while their answers are held back");

            await stack.Worker.KillAsync();
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { responseDelayMs = 0 } });
        }
        await stack.Worker.StartAsync();

        var deal = await stack.ApiClient.WaitForFinalAsync(dealRequest);
        var ticket = await stack.ApiClient.WaitForFinalAsync(ticketRequest);
        Assert.Equal("succeeded", deal.GetProperty("status").GetString());
        Assert.Equal("succeeded", ticket.GetProperty("status").GetString());
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("deals"), d => d.Property("dealname") == dealname);
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("tickets"), t => t.Property("subject") == subject);
        Assert.False(ticket.GetProperty("result").GetProperty("tickets")[0].GetProperty("created").GetBoolean());
    }
}
