using System.Text;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Merging;

/// <summary>
/// Commands of one batch that name the same object (one email; one contact's deal name; one request's ticket) are
/// written to HubSpot as one input. Each must still get its own true answer: a command HubSpot refuses fails alone,
/// and only the command whose write created the object says created:true.
/// </summary>
public sealed class MergedCommandTests(OneBatchStack stack) : IClassFixture<OneBatchStack>
{
    /// <summary>HubSpot has no property of this name: it refuses the input with VALIDATION_ERROR / PROPERTY_DOESNT_EXIST.</summary>
    private const string Unknown = "no_such_property";

    private const string ContactUpsert = "POST /crm/v3/objects/contacts/batch/upsert";
    private const string DealCreate = "POST /crm/v3/objects/deals/batch/create";

    [Fact]
    public async Task Twenty_contact_commands_for_ten_emails_are_one_call_and_ten_of_them_say_created()
    {
        var pairs = Enumerable.Range(0, 10).Select(i => new ContactPair(TestData.Email("merged"), i, BadFirst: false, BadSecond: false)).ToList();
        await using var probe = await ResultProbe.StartAsync(stack.Broker.AmqpUri);
        await stack.EmulatorControl.ResetStatsAsync();

        await PublishTogetherAsync("hubspot.upsert-contact", pairs.SelectMany(p => p.Bodies()));

        var events = await FinalAsync(probe, [.. pairs.SelectMany(p => p.RequestIds)]);
        Assert.All(events, e => Assert.Equal("ContactUpserted", e.Type));
        AssertOneCreationPerObject(events, e => e.Message.GetProperty("email").GetString()!, e => e.Message.GetProperty("created").GetBoolean(), 10);
        Assert.Equal(1, (await stack.EmulatorControl.StatsAsync()).Calls(ContactUpsert));
    }

    [Fact]
    public async Task A_refused_contact_command_fails_alone_and_the_command_sharing_its_email_is_written()
    {
        // Ten emails, two commands each: in three pairs the first command is refused, in three the second, four are good.
        var pairs = Enumerable.Range(0, 10).Select(i => new ContactPair(TestData.Email("merged"), i, BadFirst: i < 3, BadSecond: i is >= 3 and < 6)).ToList();
        await using var probe = await ResultProbe.StartAsync(stack.Broker.AmqpUri);
        await stack.EmulatorControl.ResetStatsAsync();

        await PublishTogetherAsync("hubspot.upsert-contact", pairs.SelectMany(p => p.Bodies()));

        var events = await FinalAsync(probe, [.. pairs.SelectMany(p => p.RequestIds)]);
        foreach (var pair in pairs)
        {
            AssertRefusedOrWritten(events, pair.First, pair.BadFirst, "ContactUpserted");
            AssertRefusedOrWritten(events, pair.Second, pair.BadSecond, "ContactUpserted");
        }
        var succeeded = events.Where(e => e.Type == "ContactUpserted").ToList();
        AssertOneCreationPerObject(succeeded, e => e.Message.GetProperty("email").GetString()!, e => e.Message.GetProperty("created").GetBoolean(), 10);

        // HubSpot holds one contact per email, with the values of the good commands only.
        var contacts = (await stack.EmulatorControl.ObjectsAsync("contacts")).Where(c => pairs.Any(p => p.Email == c.Property("email"))).ToList();
        Assert.Equal(10, contacts.Count);
        foreach (var pair in pairs)
        {
            var contact = Assert.Single(contacts, c => c.Property("email") == pair.Email);
            Assert.Equal(pair.BadFirst ? null : $"Kept {pair.Index}", contact.Property("lastname"));
            Assert.Equal(pair.BadSecond ? null : $"Second {pair.Index}", contact.Property("firstname"));
        }
        // The refused call, the rest of the batch again, then the good halves of the refused inputs.
        Assert.InRange((await stack.EmulatorControl.StatsAsync()).Calls(ContactUpsert), 2, 3);
    }

    [Fact]
    public async Task Twenty_deal_commands_for_ten_deals_are_one_create_call_and_ten_of_them_say_created()
    {
        var contactIds = await ContactsAsync(10);
        var pairs = contactIds.Select((contactId, i) => new DealPair(contactId, TestData.Unique("Merged deal"), i, BadFirst: false, BadSecond: false)).ToList();
        await using var probe = await ResultProbe.StartAsync(stack.Broker.AmqpUri);
        await stack.EmulatorControl.ResetStatsAsync();

        await PublishTogetherAsync("hubspot.upsert-deals", pairs.SelectMany(p => p.Bodies()));

        var events = await FinalAsync(probe, [.. pairs.SelectMany(p => p.RequestIds)]);
        Assert.All(events, e => Assert.Equal("DealsUpserted", e.Type));
        AssertOneCreationPerObject(events, e => Deal(e).GetProperty("dealId").GetString()!, e => Deal(e).GetProperty("created").GetBoolean(), 10);
        Assert.Equal(1, (await stack.EmulatorControl.StatsAsync()).Calls(DealCreate));
    }

    [Fact]
    public async Task A_refused_deal_command_fails_alone_and_the_command_with_the_same_contact_and_deal_name_is_written()
    {
        var contactIds = await ContactsAsync(10);
        var pairs = contactIds.Select((contactId, i) => new DealPair(contactId, TestData.Unique("Merged deal"), i, BadFirst: i < 3, BadSecond: i is >= 3 and < 6)).ToList();
        await using var probe = await ResultProbe.StartAsync(stack.Broker.AmqpUri);
        await stack.EmulatorControl.ResetStatsAsync();

        await PublishTogetherAsync("hubspot.upsert-deals", pairs.SelectMany(p => p.Bodies()));

        var events = await FinalAsync(probe, [.. pairs.SelectMany(p => p.RequestIds)]);
        foreach (var pair in pairs)
        {
            AssertRefusedOrWritten(events, pair.First, pair.BadFirst, "DealsUpserted");
            AssertRefusedOrWritten(events, pair.Second, pair.BadSecond, "DealsUpserted");
        }
        var succeeded = events.Where(e => e.Type == "DealsUpserted").ToList();
        AssertOneCreationPerObject(succeeded, e => Deal(e).GetProperty("dealId").GetString()!, e => Deal(e).GetProperty("created").GetBoolean(), 10);

        var deals = (await stack.EmulatorControl.ObjectsAsync("deals")).Where(d => !d.Archived).ToList();
        foreach (var pair in pairs)
        {
            var deal = Assert.Single(deals, d => d.Associations("contacts").Any(c => c.Id == pair.ContactId));
            Assert.Equal(pair.Dealname, deal.Property("dealname"), ignoreCase: true);
            Assert.Equal(pair.BadFirst ? $"{200 + pair.Index}" : pair.BadSecond ? $"{100 + pair.Index}" : "150", deal.Property("amount"));
            Assert.Equal(pair.BadFirst ? null : $"First {pair.Index}", deal.Property("description"));
            Assert.Equal(pair.BadSecond ? null : "2027-01-31", deal.Property("closedate")?[..10]);
        }
        // The create that refused six inputs, then one create for the good commands of those six.
        Assert.Equal(2, (await stack.EmulatorControl.StatsAsync()).Calls(DealCreate));
    }

    [Fact]
    public async Task A_ticket_command_published_twice_in_one_batch_is_one_ticket_and_only_one_answer_says_created()
    {
        var contactId = (await ContactsAsync(1))[0];
        var subject = TestData.Unique("Twice in a batch");
        var requestId = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new
        {
            requestId,
            contactId,
            dealIds = Array.Empty<string>(),
            tickets = new[] { new { subject, content = "c", category = "BILLING_ISSUE", pipeline = "0", pipelineStage = "1", priority = "LOW" } },
        }, JsonSerializerOptions.Web);
        await using var probe = await ResultProbe.StartAsync(stack.Broker.AmqpUri);

        await PublishTogetherAsync("hubspot.create-tickets", [body, body]);

        var events = await probe.WaitForAsync([requestId], 2);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("TicketsCreated", e.Type));
        var tickets = events.Select(e => e.Message.GetProperty("tickets")[0]).ToList();
        Assert.Single(tickets.Select(t => t.GetProperty("ticketId").GetString()).Distinct());
        Assert.Single(tickets, t => t.GetProperty("created").GetBoolean());
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("tickets"), t => t.Property("subject") == subject);
        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.True(status.GetProperty("result").GetProperty("tickets")[0].GetProperty("created").GetBoolean());
    }

    /// <summary>Publishes every body on one channel in one go: the Worker takes them into one batch.</summary>
    private async Task PublishTogetherAsync(string exchange, IEnumerable<string> bodies)
    {
        await using var connection = await new ConnectionFactory { Uri = stack.Broker.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await Task.WhenAll(bodies.Select(body => channel.BasicPublishAsync(exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(body)).AsTask()));
    }

    /// <summary>Waits for every request's final status in the Api and returns the result events they got: exactly one each.</summary>
    private async Task<IReadOnlyList<ResultEvent>> FinalAsync(ResultProbe probe, IReadOnlyList<Guid> requestIds)
    {
        foreach (var requestId in requestIds)
        {
            await stack.ApiClient.WaitForFinalAsync(requestId);
        }
        var events = await probe.WaitForAsync(requestIds, requestIds.Count);
        Assert.Equal(requestIds.Order(), events.Select(e => e.RequestId).Order());
        return events;
    }

    /// <summary>A command with a refused property failed with HubSpot's reason; any other succeeded.</summary>
    private static void AssertRefusedOrWritten(IReadOnlyList<ResultEvent> events, Guid requestId, bool refused, string successType)
    {
        var result = Assert.Single(events, e => e.RequestId == requestId);
        if (!refused)
        {
            Assert.Equal(successType, result.Type);
            return;
        }
        Assert.Equal("CommandFailed", result.Type);
        Assert.Equal("hubspot_rejected", result.Message.GetProperty("code").GetString());
        Assert.Contains("PROPERTY_DOESNT_EXIST", result.Message.GetProperty("message").GetString());
        Assert.Contains(Unknown, result.Message.GetProperty("message").GetString());
        Assert.Equal("VALIDATION_ERROR", result.Message.GetProperty("hubSpot").GetProperty("category").GetString());
    }

    /// <summary>Of the answers naming one object, exactly one says it created the object.</summary>
    private static void AssertOneCreationPerObject(IReadOnlyList<ResultEvent> events, Func<ResultEvent, string> objectOf, Func<ResultEvent, bool> created, int objects)
    {
        var byObject = events.GroupBy(objectOf, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(objects, byObject.Count);
        Assert.All(byObject, g => Assert.Single(g, e => created(e)));
    }

    private static JsonElement Deal(ResultEvent e) => e.Message.GetProperty("deals")[0];

    /// <summary>Contacts made by one batch of commands on the bus; their HubSpot ids.</summary>
    private async Task<List<string>> ContactsAsync(int count)
    {
        var requests = Enumerable.Range(0, count).Select(_ => (RequestId: Guid.NewGuid(), Email: TestData.Email("deal-owner"))).ToList();
        await PublishTogetherAsync("hubspot.upsert-contact", requests.Select(r => JsonSerializer.Serialize(new { r.RequestId, r.Email }, JsonSerializerOptions.Web)));
        var ids = new List<string>(count);
        foreach (var (requestId, _) in requests)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(requestId);
            Assert.Equal("succeeded", status.GetProperty("status").GetString());
            ids.Add(status.GetProperty("result").GetProperty("contactId").GetString()!);
        }
        return ids;
    }

    /// <summary>Two commands for one email: the first sets the last name, the second the first name; either may also set an unknown property.</summary>
    private sealed record ContactPair(string Email, int Index, bool BadFirst, bool BadSecond)
    {
        public Guid First { get; } = Guid.NewGuid();

        public Guid Second { get; } = Guid.NewGuid();

        public Guid[] RequestIds => [First, Second];

        public IEnumerable<string> Bodies()
        {
            yield return Body(First, Email, ("lastname", $"Kept {Index}"), BadFirst);
            yield return Body(Second, Email.ToUpperInvariant(), ("firstname", $"Second {Index}"), BadSecond);
        }

        private static string Body(Guid requestId, string email, (string Name, string Value) property, bool bad)
        {
            var properties = new Dictionary<string, string> { [property.Name] = property.Value };
            if (bad)
            {
                properties[Unknown] = "x";
            }
            return JsonSerializer.Serialize(new { requestId, email, properties }, JsonSerializerOptions.Web);
        }
    }

    /// <summary>
    /// Two commands for one contact and deal name (the second in capitals). When both are good they agree on amount and
    /// stage, so the outcome does not hang on which the Worker received first; each sets one property of its own.
    /// </summary>
    private sealed record DealPair(string ContactId, string Dealname, int Index, bool BadFirst, bool BadSecond)
    {
        public Guid First { get; } = Guid.NewGuid();

        public Guid Second { get; } = Guid.NewGuid();

        public Guid[] RequestIds => [First, Second];

        public IEnumerable<string> Bodies()
        {
            var agreed = !BadFirst && !BadSecond;
            yield return Body(First, Dealname, agreed ? 150 : 100 + Index, ("description", $"First {Index}"), BadFirst);
            yield return Body(Second, Dealname.ToUpperInvariant(), agreed ? 150 : 200 + Index, ("closedate", "2027-01-31"), BadSecond);
        }

        private string Body(Guid requestId, string dealname, int amount, (string Name, string Value) property, bool bad)
        {
            var properties = new Dictionary<string, string> { [property.Name] = property.Value };
            if (bad)
            {
                properties[Unknown] = "x";
            }
            return JsonSerializer.Serialize(new
            {
                requestId,
                contactId = ContactId,
                deals = new[] { new { dealname, amount, dealstage = "appointmentscheduled", properties } },
            }, JsonSerializerOptions.Web);
        }
    }
}
