namespace HubSpotCrm.EndToEnd.Tests.Interop;

/// <summary>
/// UpsertContacts as other services send it: up to 100 contacts as plain JSON on hubspot.upsert-contacts, one HubSpot
/// call for the message and one answer for each contact.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PlainJsonBulkContactCommandTests(ServiceStack stack)
{
    private const string Upsert = "POST /crm/v3/objects/contacts/batch/upsert";

    [Fact]
    public async Task A_hundred_contacts_in_one_message_are_one_HubSpot_call_and_each_is_answered_on_its_own()
    {
        var contacts = Enumerable.Range(0, 100)
            .Select(i => new { requestId = Guid.NewGuid(), email = TestData.Email($"bulk{i}"), properties = new { firstname = $"Bulk {i}" } })
            .ToList();
        await using var results = await ResultProbe.StartAsync(stack.Broker.AmqpUri);
        await stack.EmulatorControl.ResetStatsAsync();

        await stack.Broker.Management.PublishAsync("hubspot.upsert-contacts", "", JsonSerializer.Serialize(new { contacts }, JsonSerializerOptions.Web));

        var events = await results.WaitForAsync([.. contacts.Select(c => c.requestId)], contacts.Count);
        Assert.All(events, e => Assert.Equal("ContactUpserted", e.Type));
        Assert.Equal(contacts.Select(c => c.requestId).Order(), events.Select(e => e.RequestId).Order());
        var status = await stack.ApiClient.WaitForFinalAsync(contacts[42].requestId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("bus", status.GetProperty("source").GetString());
        Assert.Equal("contact", status.GetProperty("kind").GetString());
        var contact = await stack.EmulatedAsync("contacts", status.GetProperty("result").GetProperty("contactId").GetString()!);
        Assert.Equal(contacts[42].email, contact.Property("email"));
        Assert.Equal("Bulk 42", contact.Property("firstname"));
        Assert.Equal(1, (await stack.EmulatorControl.StatsAsync()).Calls(Upsert));
    }

    [Fact]
    public async Task A_contact_HubSpot_refuses_fails_alone_and_the_others_of_its_message_succeed()
    {
        var good = Guid.NewGuid();
        var refused = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new
        {
            contacts = new object[]
            {
                new { requestId = good, email = TestData.Email("bulk-good") },
                new { requestId = refused, email = TestData.Email("bulk-refused"), properties = new { no_such_property = "x" } },
            },
        }, JsonSerializerOptions.Web);

        await stack.Broker.Management.PublishAsync("hubspot.upsert-contacts", "", body);

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(good)).GetProperty("status").GetString());
        var failed = await stack.ApiClient.WaitForFinalAsync(refused);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("hubspot_rejected", failed.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_message_with_one_bad_contact_is_refused_whole_to_error_and_every_request_in_it_hears_why()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var marker = TestData.Email("bulk-refused-whole");
        var body = JsonSerializer.Serialize(new
        {
            contacts = new object[]
            {
                new { requestId = ids[0], email = marker },
                new { requestId = ids[1], email = "not-an-email" },
                new { requestId = ids[2], email = TestData.Email("bulk-refused-whole") },
            },
        }, JsonSerializerOptions.Web);

        await stack.Broker.Management.PublishAsync("hubspot.upsert-contacts", "", body);

        foreach (var id in ids)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(id);
            Assert.Equal("failed", status.GetProperty("status").GetString());
            Assert.Equal("contact", status.GetProperty("kind").GetString());
            Assert.Equal("invalid_command", status.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("contacts[1].email", status.GetProperty("error").GetProperty("message").GetString());
        }
        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync("hubspot.upsert-contacts_error"),
            messages => messages.Any(m => m.Payload.Contains(marker, StringComparison.Ordinal)), "the message in hubspot.upsert-contacts_error");
        Assert.Contains("contacts[1].email", parked.Single(m => m.Payload.Contains(marker, StringComparison.Ordinal)).Header("MT-Fault-Message"));
        Assert.DoesNotContain(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email") == marker);
    }

    [Theory]
    [InlineData("""{"contacts":[]}""", "contacts must not be empty")]
    [InlineData("""{"requestId":"6f1d7a52-8e3b-4a0c-9d2e-1b5f0a7c3e91","email":"a@example.com"}""", "contacts is required")]
    public async Task A_message_naming_no_contact_goes_to_error_with_its_reason(string body, string reason)
    {
        await stack.Broker.Management.PublishAsync("hubspot.upsert-contacts", "", body);

        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync("hubspot.upsert-contacts_error"),
            messages => messages.Any(m => m.Payload == body), "the message in hubspot.upsert-contacts_error");
        Assert.Contains(reason, parked.First(m => m.Payload == body).Header("MT-Fault-Message"));
    }
}
