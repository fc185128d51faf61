namespace HubSpotCrm.EndToEnd.Tests.Validation;

/// <summary>
/// Bad bodies — malformed JSON, wrong types, missing fields, oversized bodies and sets, odd Unicode, control characters,
/// injection strings in names and values — get 400/413/415/422 problem details naming the field, never a 5xx; nothing
/// is stored and nothing is published.
/// </summary>
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
        { "empty body", Contact, "", 400, null },
        { "null body", Contact, "null", 400, null },
        { "string body", Contact, "\"hello\"", 400, null },
        { "number body", Deals, "42", 400, null },
        { "trailing comma", Contact, "{" + GoodContact + ",}", 400, null },
        { "comment in JSON", Contact, "{" + GoodContact + "/* hi */}", 400, null },
        { "nesting deeper than 32", Contact, new string('[', 40) + new string(']', 40), 400, null },
        { "body over the size cap", Contact, "{" + GoodContact + ",\"notes\":\"" + new string('x', 300_000) + "\"}", 413, null },
        { "1,000 deals in one request", Deals, "{\"contactId\":\"1\",\"deals\":[" + string.Join(',', Enumerable.Repeat("""{"dealname":"D","amount":10,"dealstage":"x"}""", 1000)) + "]}", 422, "deals" },
        { "101 tickets in one request", Tickets, "{\"contactId\":\"1\",\"tickets\":[" + string.Join(',', Enumerable.Repeat("{" + GoodTicket + "}", 101)) + "]}", 422, "tickets" },
        { "SQL injection as a property name", Contact, "{" + GoodContact + ",\"x'; DROP TABLE requests;--\":\"1\"}", 422, "x'; DROP TABLE requests;--" },
        { "markup as a property name", Contact, "{" + GoodContact + ",\"<script>\":\"x\"}", 422, "<script>" },
        { "operator as a property name", Contact, "{" + GoodContact + ",\"$where\":\"1\"}", 422, "$where" },
        { "accented property name", Contact, "{" + GoodContact + ",\"prénom\":\"x\"}", 422, "prénom" },
        { "zero-width space in a property name", Contact, "{" + GoodContact + ",\"first\u200bname2\":\"x\"}", 422, "first\u200bname2" },
        { "prototype pollution name", Contact, "{" + GoodContact + ",\"__proto__\":{\"admin\":true}}", 422, "__proto__" },
        { "right-to-left override in a name", Contact, """{"email":"a@example.com","firstname":"\u202Egnp.exe","lastname":"B","phone":"+1 555 0100"}""", 422, "firstname" },
        { "NUL character in a name", Contact, """{"email":"a@example.com","firstname":"A","lastname":"B\u0000","phone":"+1 555 0100"}""", 422, "lastname" },
        { "lone surrogate in a subject", Tickets, """{"contactId":"1","tickets":[{"subject":"\ud800","description":"D","category":"billing","pipeline":"0","hs_ticket_priority":"LOW","hs_pipeline_stage":"1"}]}""", 422, "tickets[0].subject" },
        { "non-character in a description", Tickets, """{"contactId":"1","tickets":[{"subject":"S","description":"D\uffff","category":"billing","pipeline":"0","hs_ticket_priority":"LOW","hs_pipeline_stage":"1"}]}""", 422, "tickets[0].description" },
        { "SQL injection in the phone", Contact, """{"email":"a@example.com","firstname":"A","lastname":"B","phone":"1'; DROP TABLE requests;--"}""", 422, "phone" },
        { "SQL injection in the email", Contact, """{"email":"a@b.com' OR '1'='1","firstname":"A","lastname":"B","phone":"+1 555 0100"}""", 422, "email" },
        { "header injection in the email", Contact, """{"email":"a@b.com\r\nBcc: x@y.com","firstname":"A","lastname":"B","phone":"+1 555 0100"}""", 422, "email" },
        { "email longer than 254", Contact, "{\"email\":\"" + new string('a', 250) + "@example.com\",\"firstname\":\"A\",\"lastname\":\"B\",\"phone\":\"+1 555 0100\"}", 422, "email" },
        { "empty firstname", Contact, """{"email":"a@example.com","firstname":"","lastname":"B","phone":"+1 555 0100"}""", 422, "firstname" },
        { "blank lastname", Contact, """{"email":"a@example.com","firstname":"A","lastname":"   ","phone":"+1 555 0100"}""", 422, "lastname" },
        { "firstname is an array", Contact, """{"email":"a@example.com","firstname":["A"],"lastname":"B","phone":"+1 555 0100"}""", 422, "firstname" },
        { "lastname is a boolean", Contact, """{"email":"a@example.com","firstname":"A","lastname":true,"phone":"+1 555 0100"}""", 422, "lastname" },
        { "SQL injection as a contact id", Deals, """{"contactId":"1 OR 1=1","deals":[{"dealname":"D","amount":10,"dealstage":"x"}]}""", 422, "contactId" },
        { "negative contact id", Deals, """{"contactId":-5,"deals":[{"dealname":"D","amount":10,"dealstage":"x"}]}""", 422, "contactId" },
        { "fractional contact id", Deals, """{"contactId":1.5,"deals":[{"dealname":"D","amount":10,"dealstage":"x"}]}""", 422, "contactId" },
        { "contact id longer than 18 digits", Deals, """{"contactId":"1234567890123456789","deals":[{"dealname":"D","amount":10,"dealstage":"x"}]}""", 422, "contactId" },
        { "amount too large for a number", Deals, """{"contactId":"1","deals":[{"dealname":"D","amount":1e400,"dealstage":"x"}]}""", 422, "deals[0].amount" },
        { "injection in the amount", Deals, """{"contactId":"1","deals":[{"dealname":"D","amount":"1; DROP TABLE deals","dealstage":"x"}]}""", 422, "deals[0].amount" },
        { "deal name over 256 characters", Deals, "{\"contactId\":\"1\",\"deals\":[{\"dealname\":\"" + new string('d', 300) + "\",\"amount\":10,\"dealstage\":\"x\"}]}", 422, "deals[0].dealname" },
        { "a deal that is null", Deals, """{"contactId":"1","deals":[null]}""", 422, "deals[0]" },
        { "a ticket that is a string", Tickets, """{"contactId":"1","tickets":["ticket"]}""", 422, "tickets[0]" },
        { "dealIds not an array", Tickets, "{\"contactId\":\"1\",\"dealIds\":\"1\",\"tickets\":[{" + GoodTicket + "}]}", 422, "dealIds" },
        { "an object among dealIds", Tickets, "{\"contactId\":\"1\",\"dealIds\":[{\"id\":1}],\"tickets\":[{" + GoodTicket + "}]}", 422, "dealIds[0]" },
        { "injection in the category", Tickets, """{"contactId":"1","tickets":[{"subject":"S","description":"D","category":"billing' OR '1'='1","pipeline":"0","hs_ticket_priority":"LOW","hs_pipeline_stage":"1"}]}""", 422, "tickets[0].category" },
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
    public async Task Invalid_UTF8_is_400()
    {
        using var content = new ByteArrayContent([0x7B, 0x22, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await stack.ApiClient.Http.PostAsync(Contact, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
