namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// Bad messages other services put on the command queues go to the queue's _error queue with a readable reason, are
/// answered with CommandFailed whenever a request id can be read, and never stop the Worker.
/// </summary>
public sealed class PoisonMessageTests(ReliabilityStack stack) : IClassFixture<ReliabilityStack>
{
    private const string Contact = "hubspot.upsert-contact";
    private const string Deals = "hubspot.upsert-deals";
    private const string Tickets = "hubspot.create-tickets";

    /// <summary>(queue, body with {id} and {marker} placeholders, whether the request id is readable, what the reason says)</summary>
    public static TheoryData<string, string, bool, string> Cases => new()
    {
        { Contact, """{"requestId":"{id}","email":"{marker}@example.com","properties":{"firstname":"A"}""", false, "" },
        { Contact, """["{marker}"]""", false, "object" },
        { Contact, """{"requestId":"not-a-guid","email":"{marker}@example.com"}""", false, "requestId" },
        { Contact, """{"requestId":"{id}","properties":{"firstname":"{marker}"}}""", true, "email" },
        { Contact, """{"requestId":"{id}","email":42,"properties":{"firstname":"{marker}"}}""", true, "email" },
        { Contact, """{"requestId":"{id}","emial":"{marker}@example.com"}""", true, "emial" },
        { Contact, """{"requestId":"{id}","email":"{marker}@example.com","properties":{"Bad Name":"x"}}""", true, "property name" },
        { Contact, """{"requestId":"00000000-0000-0000-0000-000000000000","email":"{marker}@example.com"}""", false, "requestId" },
        { Deals, """{"requestId":"{id}","contactId":"abc","deals":[{"dealname":"{marker}","amount":1,"dealstage":"closedwon"}]}""", true, "contactId" },
        { Deals, """{"requestId":"{id}","contactId":"{marker}","deals":[]}""", true, "deals" },
        { Deals, """{"requestId":"{id}","contactId":"1","deals":[{"dealname":"{marker}","amount":"lots","dealstage":"closedwon"}]}""", true, "amount" },
        { Tickets, """{"requestId":"{id}","contactId":"1","dealIds":["x"],"tickets":[{"subject":"{marker}","content":"c","category":"BILLING_ISSUE","pipeline":"0","pipelineStage":"1","priority":"LOW"}]}""", true, "dealIds" },
        { Tickets, """{"requestId":"{id}","contactId":"1","tickets":[{"subject":"{marker}"}]}""", true, "content" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Goes_to_error_with_a_readable_reason_is_answered_when_it_names_a_request_and_the_Worker_keeps_consuming(
        string queue, string template, bool answered, string reasonMentions)
    {
        var requestId = Guid.NewGuid();
        var marker = $"poison{Guid.NewGuid():N}";
        var body = template.Replace("{id}", requestId.ToString(), StringComparison.Ordinal).Replace("{marker}", marker, StringComparison.Ordinal);

        await stack.Broker.Management.PublishAsync(queue, "", body);

        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync(queue + "_error"),
            messages => messages.Any(m => m.Payload.Contains(marker, StringComparison.Ordinal)), $"the message in {queue}_error");
        var reason = parked.Single(m => m.Payload.Contains(marker, StringComparison.Ordinal)).Header("MT-Fault-Message");
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(reasonMentions, reason, StringComparison.OrdinalIgnoreCase);

        if (answered)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(requestId);
            Assert.Equal("failed", status.GetProperty("status").GetString());
            Assert.Equal("invalid_command", status.GetProperty("error").GetProperty("code").GetString());
        }
        else
        {
            Assert.Null(await stack.ApiClient.StatusAsync(requestId));
        }

        var healthy = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
        Assert.Equal("succeeded", healthy.GetProperty("status").GetString());
    }
}
