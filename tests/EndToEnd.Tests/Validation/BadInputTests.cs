namespace HubSpotCrm.EndToEnd.Tests.Validation;

/// <summary>Bad bodies get 400/415/422 problem details naming the field; nothing is stored and nothing is published.</summary>
[Collection(StackCollection.Name)]
public sealed class BadInputTests(ServiceStack stack)
{
    private const string Contact = "/api/v1/hubspot/contact";
    private const string Deals = "/api/v1/hubspot/deals";
    private const string Tickets = "/api/v1/hubspot/tickets";
    private const string GoodContact = """ "email":"a@example.com","firstname":"A","lastname":"B","phone":"+1 555 0100" """;
    private const string GoodTicket = """ "subject":"S","description":"D","category":"billing","pipeline":"0","hs_ticket_priority":"LOW","hs_pipeline_stage":"1" """;

    public static TheoryData<string, string, string, int, string?> Cases => new()
    {
        { "malformed JSON", Contact, """{"email":""", 400, null },
        { "body is an array", Contact, "[]", 400, null },
        { "missing email", Contact, """{"firstname":"A","lastname":"B","phone":"+1 555 0100"}""", 422, "email" },
        { "invalid email", Contact, """{"email":"not-an-email","firstname":"A","lastname":"B","phone":"+1 555 0100"}""", 422, "email" },
        { "missing firstname", Contact, """{"email":"a@example.com","lastname":"B","phone":"+1 555 0100"}""", 422, "firstname" },
        { "firstname is a number", Contact, """{"email":"a@example.com","firstname":42,"lastname":"B","phone":"+1 555 0100"}""", 422, "firstname" },
        { "phone has letters", Contact, """{"email":"a@example.com","firstname":"A","lastname":"B","phone":"call me maybe"}""", 422, "phone" },
        { "control character in a name", Contact, """{"email":"a@example.com","firstname":"A\u0007","lastname":"B","phone":"+1 555 0100"}""", 422, "firstname" },
        { "bad property name", Contact, "{" + GoodContact + ""","Bad-Name":"x"}""", 422, "Bad-Name" },
        { "object as property value", Contact, "{" + GoodContact + ""","company":{"name":"x"}}""", 422, "company" },
        { "missing contactId", Deals, """{"deals":[{"dealname":"D","amount":10,"dealstage":"closedwon"}]}""", 422, "contactId" },
        { "contactId not an id", Deals, """{"contactId":"abc","deals":[{"dealname":"D","amount":10,"dealstage":"closedwon"}]}""", 422, "contactId" },
        { "empty deals", Deals, """{"contactId":"1","deals":[]}""", 422, "deals" },
        { "deals not an array", Deals, """{"contactId":"1","deals":"D"}""", 422, "deals" },
        { "amount below 1", Deals, """{"contactId":"1","deals":[{"dealname":"D","amount":0,"dealstage":"closedwon"}]}""", 422, "deals[0].amount" },
        { "amount not a number", Deals, """{"contactId":"1","deals":[{"dealname":"D","amount":"lots","dealstage":"closedwon"}]}""", 422, "deals[0].amount" },
        { "missing dealstage", Deals, """{"contactId":"1","deals":[{"dealname":"D","amount":10}]}""", 422, "deals[0].dealstage" },
        { "same deal twice", Deals, """{"contactId":"1","deals":[{"dealname":"D","amount":10,"dealstage":"x"},{"dealname":"d","amount":20,"dealstage":"x"}]}""", 422, "deals[1].dealname" },
        { "unknown category", Tickets, """{"contactId":"1","tickets":[{"subject":"S","description":"D","category":"gossip","pipeline":"0","hs_ticket_priority":"LOW","hs_pipeline_stage":"1"}]}""", 422, "tickets[0].category" },
        { "missing description", Tickets, """{"contactId":"1","tickets":[{"subject":"S","category":"billing","pipeline":"0","hs_ticket_priority":"LOW","hs_pipeline_stage":"1"}]}""", 422, "tickets[0].description" },
        { "unknown priority", Tickets, """{"contactId":"1","tickets":[{"subject":"S","description":"D","category":"billing","pipeline":"0","hs_ticket_priority":"SOONISH","hs_pipeline_stage":"1"}]}""", 422, "tickets[0].hs_ticket_priority" },
        { "dealIds not ids", Tickets, "{\"contactId\":\"1\",\"dealIds\":[\"x\"],\"tickets\":[{" + GoodTicket + "}]}", 422, "dealIds[0]" },
        { "HubSpot name instead of description", Tickets, "{\"contactId\":\"1\",\"tickets\":[{" + GoodTicket + ",\"content\":\"C\"}]}", 422, "tickets[0].content" },
        { "missing tickets", Tickets, """{"contactId":"1"}""", 422, "tickets" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_with_the_field_named_and_nothing_stored_or_published(string _, string route, string body, int expectedStatus, string? field)
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        using var response = await stack.ApiClient.PostRawAsync(route, body);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expectedStatus, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors should name '{field}': {problem}");
            Assert.NotEmpty(messages.EnumerateArray());
        }
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415()
    {
        using var response = await stack.ApiClient.PostRawAsync(Contact, "email=a@example.com", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task More_deals_than_the_cap_is_422_naming_deals()
    {
        var deals = Enumerable.Range(0, 101).Select(i => TestData.Deal($"Deal {i}")).ToArray();

        using var response = await stack.ApiClient.PostJsonAsync(Deals, new { contactId = "1", deals });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("at most 100", problem.GetProperty("errors").GetProperty("deals")[0].GetString());
    }

    [Fact]
    public async Task The_probe_sees_a_valid_submission()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);

        await stack.ApiClient.SubmitAsync(Contact, TestData.Contact());

        await Eventually.TrueAsync(async () => await probe.CountAsync() == 1, "the probe to see the command", TimeSpan.FromSeconds(10));
    }
}
