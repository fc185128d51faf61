using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed partial class ObjectCrudTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    [Fact]
    public async Task CreateReturns201WithHubSpotObjectShape()
    {
        var now = Emulator.Now;
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts", """{"properties":{"email":"Lorelai@Example.com","firstname":"Lorelai","phone":5551234}}""")
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(["id", "properties", "createdAt", "updatedAt", "archived"], body.Names());
        var id = body.Str("id");
        Assert.Equal("100000001", id);
        Assert.Equal(now, body.Str("createdAt"));
        Assert.Equal(now, body.Str("updatedAt"));
        Assert.False(body.GetProperty("archived").GetBoolean());
        var properties = body.GetProperty("properties");
        Assert.All(properties.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("lorelai@example.com", body.Prop("email"));
        Assert.Equal("5551234", body.Prop("phone"));
        Assert.Equal(id, body.Prop("hs_object_id"));
        Assert.Equal(now, body.Prop("createdate"));
        Assert.Equal(now, body.Prop("lastmodifieddate"));
        var names = properties.Names();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task EachTypeHasItsOwnIdRangeAndLastModifiedProperty()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var deal = await Api.CreateDealAsync();
        var ticket = await Api.CreateTicketAsync();

        Assert.Equal(("100000001", "200000001", "300000001"), (contact, deal, ticket));
        await Api.GetAsync($"/crm/v3/objects/contacts/{deal}").ExpectAsync(HttpStatusCode.NotFound);
        var dealBody = await Api.GetAsync($"/crm/v3/objects/deals/{deal}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Emulator.Now, dealBody.Prop("hs_lastmodifieddate"));
        Assert.False(dealBody.GetProperty("properties").TryGetProperty("lastmodifieddate", out _));
        var ticketBody = await Api.GetAsync($"/crm/v3/objects/tickets/{ticket}?properties=hs_ticket_id").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ticket, ticketBody.Prop("hs_ticket_id"));
    }

    [Fact]
    public async Task GetReturnsTheDefaultPropertiesWithNullForMissingValues()
    {
        var id = await Api.CreateContactAsync("a@example.com", "firstname=Ann", "phone=1");

        var body = await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"], body.GetProperty("properties").Names());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("properties").GetProperty("lastname").ValueKind);
        Assert.False(body.TryGetProperty("associations", out _));
    }

    [Theory]
    [InlineData("deals", "amount,closedate,createdate,dealname,dealstage,hs_lastmodifieddate,hs_object_id,pipeline")]
    [InlineData("tickets", "content,createdate,hs_lastmodifieddate,hs_object_id,hs_pipeline,hs_pipeline_stage,hs_ticket_category,hs_ticket_priority,subject")]
    public async Task DefaultPropertiesPerType(string type, string expected)
    {
        var id = type == "deals" ? await Api.CreateDealAsync() : await Api.CreateTicketAsync();

        var body = await Api.GetAsync($"/crm/v3/objects/{type}/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(expected.Split(','), body.GetProperty("properties").Names());
    }

    [Fact]
    public async Task PropertiesParameterSelectsPropertiesAndKeepsSystemOnes()
    {
        var id = await Api.CreateContactAsync("a@example.com", "phone=123", "city=Paris");

        var body = await Api.GetAsync($"/crm/v3/objects/contacts/{id}?properties=phone,nonexistent&properties=city").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["city", "createdate", "hs_object_id", "lastmodifieddate", "phone"], body.GetProperty("properties").Names());
        Assert.Equal("123", body.Prop("phone"));
    }

    [Fact]
    public async Task ObjectTypeIdsAndSingularNamesAreAccepted()
    {
        var id = await Api.CreateContactAsync("a@example.com");

        await Api.GetAsync($"/crm/v3/objects/0-1/{id}").ExpectAsync(HttpStatusCode.OK);
        var deal = await Api.CreateAsync("0-3", """{"dealname":"D","dealstage":"closedwon"}""");
        await Api.GetAsync($"/crm/v3/objects/deals/{deal}").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync($"/crm/v3/objects/0-5").ExpectAsync(HttpStatusCode.OK);
        var error = await Api.GetAsync($"/crm/v3/objects/companiez/{id}").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Unable to infer object type from: companiez", error.Str("message"));
    }

    [Fact]
    public async Task ReadByEmailIdProperty()
    {
        var id = await Api.CreateContactAsync("jon@website.com");

        var body = await Api.GetAsync("/crm/v3/objects/contacts/JON@website.com?idProperty=email").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, body.Str("id"));
        await Api.GetAsync("/crm/v3/objects/contacts/nobody@website.com?idProperty=email").ExpectAsync(HttpStatusCode.NotFound);
        var nonUnique = await Api.GetAsync("/crm/v3/objects/contacts/Jon?idProperty=firstname").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_ERROR", nonUnique.Str("category"));
    }

    [Fact]
    public async Task UnknownIdAnswers404ObjectNotFound()
    {
        using var response = await Api.GetAsync("/crm/v3/objects/contacts/123");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(["status", "message", "correlationId", "context", "category"], body.Names());
        Assert.Equal("error", body.Str("status"));
        Assert.Equal("OBJECT_NOT_FOUND", body.Str("category"));
        Assert.Equal("123", body.GetProperty("context").GetProperty("id")[0].GetString());
        Assert.Equal(response.Headers.GetValues("X-HubSpot-Correlation-Id").Single(), body.Str("correlationId"));
        Assert.Matches(Uuid(), body.Str("correlationId"));
    }

    [Fact]
    public async Task PatchUpdatesAndEmptyStringClears()
    {
        var id = await Api.CreateContactAsync("a@example.com", "firstname=Ann", "lastname=Lee");
        var created = Emulator.Now;
        Emulator.Clock.Advance(TimeSpan.FromSeconds(5));

        var body = await Api.PatchJsonAsync($"/crm/v3/objects/contacts/{id}", """{"properties":{"firstname":"Anna","lastname":""}}""")
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Anna", body.Prop("firstname"));
        Assert.False(body.GetProperty("properties").TryGetProperty("lastname", out _));
        Assert.Equal(Emulator.Now, body.Str("updatedAt"));
        Assert.Equal(Emulator.Now, body.Prop("lastmodifieddate"));
        Assert.Equal(created, body.Str("createdAt"));
        Assert.NotEqual(created, Emulator.Now);
        var read = await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("properties").GetProperty("lastname").ValueKind);
    }

    [Fact]
    public async Task PatchByIdPropertyAndMissingObject()
    {
        var id = await Api.CreateContactAsync("jon@website.com");

        var body = await Api.PatchJsonAsync("/crm/v3/objects/contacts/jon@website.com?idProperty=email", """{"properties":{"city":"Oslo"}}""")
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(id, body.Str("id"));
        Assert.Equal("Oslo", body.Prop("city"));
        var missing = await Api.PatchJsonAsync("/crm/v3/objects/contacts/999", """{"properties":{"city":"Oslo"}}""").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("OBJECT_NOT_FOUND", missing.Str("category"));
    }

    [Fact]
    public async Task DeleteArchivesWith204()
    {
        var id = await Api.CreateContactAsync("a@example.com");
        Emulator.Clock.Advance(TimeSpan.FromSeconds(1));

        await Api.DeleteAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.NoContent);

        await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.NotFound);
        var archived = await Api.GetAsync($"/crm/v3/objects/contacts/{id}?archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.Equal(Emulator.Now, archived.Str("archivedAt"));
        await Api.DeleteAsync("/crm/v3/objects/contacts/424242").ExpectAsync(HttpStatusCode.NoContent);

        // An archived contact's email is free again.
        await Api.CreateContactAsync("a@example.com");
    }

    [Fact]
    public async Task ListPagesWithAfterCursor()
    {
        for (var i = 0; i < 5; i++)
        {
            await Api.CreateContactAsync($"c{i}@example.com");
        }

        await Api.DeleteAsync("/crm/v3/objects/contacts/100000002").ExpectAsync(HttpStatusCode.NoContent);

        var first = await Api.GetAsync("/crm/v3/objects/contacts?limit=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["100000001", "100000003"], first.Ids());
        var after = first.GetProperty("paging").GetProperty("next").Str("after");
        var second = await Api.GetAsync($"/crm/v3/objects/contacts?limit=2&after={after}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["100000004", "100000005"], second.Ids());
        Assert.False(second.TryGetProperty("paging", out _));
        var defaultLimit = await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, defaultLimit.GetProperty("results").GetArrayLength());
        var archived = await Api.GetAsync("/crm/v3/objects/contacts?archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["100000002"], archived.Ids());
    }

    [Fact]
    public async Task ListLimitAbove100IsRejected()
    {
        await Api.GetAsync("/crm/v3/objects/contacts?limit=100").ExpectAsync(HttpStatusCode.OK);
        var body = await Api.GetAsync("/crm/v3/objects/contacts?limit=101").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
    }

    [Fact]
    public async Task DealsGetDefaultPipelineAndNumbersAreAcceptedAsJsonNumbers()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/deals", """{"properties":{"dealname":"Big","dealstage":"qualifiedtobuy","amount":1500.5,"closedate":1767225600000}}""")
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("default", body.Prop("pipeline"));
        Assert.Equal("1500.5", body.Prop("amount"));
        Assert.Equal("2026-01-01T00:00:00.000Z", body.Prop("closedate"));
    }

    [Fact]
    public async Task TicketsGetDefaultPipeline()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/tickets", """{"properties":{"subject":"Help","hs_pipeline_stage":"2","hs_ticket_priority":"HIGH"}}""")
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("0", body.Prop("hs_pipeline"));
        Assert.Equal("2", body.Prop("hs_pipeline_stage"));
        Assert.Equal(body.Str("id"), body.Prop("hs_ticket_id"));
    }

    [Fact]
    public async Task MalformedJsonAnswersHubSpotStyle400()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts", """{"properties":{""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("error", body.Str("status"));
        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        Assert.StartsWith("Invalid input JSON", body.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimestampsUseMillisecondsAndZ()
    {
        Emulator.Clock.Advance(TimeSpan.FromMilliseconds(123));
        var id = await Api.CreateContactAsync("a@example.com");

        var body = await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Matches(IsoMillis(), body.Str("createdAt"));
        Assert.Equal(Emulator.Now, body.Str("createdAt"));
        Assert.Equal(
            DateTimeOffset.Parse(body.Str("createdAt"), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(body.Prop("createdate"), CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMillis();
}
