namespace HubSpotCrm.EndToEnd.Tests.Submissions;

[Collection(StackCollection.Name)]
public sealed class TicketSubmissionTests(ServiceStack stack)
{
    [Fact]
    public async Task Tickets_get_HubSpots_property_names_and_link_to_the_contact_and_the_given_deals()
    {
        var contactId = await stack.CreateContactAsync();
        var dealIds = await stack.CreateDealsAsync(contactId, TestData.Unique("A"), TestData.Unique("B"));
        var subject = TestData.Unique("Printer on fire");

        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/tickets",
            new { contactId, dealIds = new[] { dealIds[0] }, tickets = new[] { TestData.Ticket(subject, "billing") } });

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        var outcome = status.GetProperty("result").GetProperty("tickets")[0];
        var ticket = await stack.EmulatedAsync("tickets", outcome.GetProperty("ticketId").GetString()!);
        Assert.Equal(subject, ticket.Property("subject"));
        Assert.Equal($"Details of {subject}", ticket.Property("content"));
        Assert.Equal("0", ticket.Property("hs_pipeline"));
        Assert.Equal("1", ticket.Property("hs_pipeline_stage"));
        Assert.Equal("HIGH", ticket.Property("hs_ticket_priority"));
        Assert.Equal("BILLING_ISSUE", ticket.Property("hs_ticket_category"));
        Assert.Equal([(contactId, 16)], ticket.Associations("contacts"));
        Assert.Equal([(dealIds[0], 28)], ticket.Associations("deals"));
        var contact = await stack.EmulatedAsync("contacts", contactId);
        Assert.Contains((ticket.Id, 15), contact.Associations("tickets"));
    }

    [Fact]
    public async Task Tickets_without_deal_ids_link_to_all_of_the_contacts_deals()
    {
        var contactId = await stack.CreateContactAsync();
        var dealIds = await stack.CreateDealsAsync(contactId, TestData.Unique("One"), TestData.Unique("Two"));

        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/tickets",
            new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("First")), TestData.Ticket(TestData.Unique("Second")) } });

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        foreach (var outcome in status.GetProperty("result").GetProperty("tickets").EnumerateArray())
        {
            var ticket = await stack.EmulatedAsync("tickets", outcome.GetProperty("ticketId").GetString()!);
            Assert.Equal(dealIds.Order(), ticket.Associations("deals").Select(a => a.Id).Order());
            Assert.All(ticket.Associations("deals"), a => Assert.Equal(28, a.TypeId));
            Assert.Equal([(contactId, 16)], ticket.Associations("contacts"));
        }
    }

    [Fact]
    public async Task Tickets_of_an_unknown_contact_fail_with_contact_not_found()
    {
        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/tickets",
            new { contactId = "999999998", tickets = new[] { TestData.Ticket(TestData.Unique("Lost")) } });

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("contact_not_found", status.GetProperty("error").GetProperty("code").GetString());
    }
}
