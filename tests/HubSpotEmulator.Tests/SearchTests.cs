using System.Net;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class SearchTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private async Task<string[]> DealsAsync()
    {
        string[] ids =
        [
            await Api.CreateDealAsync("Alpha deal", "amount=100", "closedate=2026-01-01T00:00:00Z", "dealstage=closedwon", "description=First big order"),
            await Api.CreateDealAsync("Beta deal", "amount=250.5", "closedate=2026-02-01T00:00:00Z", "dealstage=closedlost"),
            await Api.CreateDealAsync("gamma", "amount=20", "dealstage=contractsent"),
        ];
        return ids;
    }

    private async Task<string[]> FilterAsync(string type, string filter)
    {
        var body = await Api.SearchAsync(type, $$$"""{"filterGroups":[{"filters":[{{{filter}}}]}]}""");
        return body.Ids();
    }

    [Fact]
    public async Task ResponseShapeAndPaging()
    {
        var ids = await DealsAsync();

        var first = await Api.SearchAsync("deals", """{"limit":2}""");
        Assert.Equal(["total", "results", "paging"], first.Names());
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(ids[..2], first.Ids());
        Assert.Equal("2", first.GetProperty("paging").GetProperty("next").Str("after"));
        var second = await Api.SearchAsync("deals", """{"limit":2,"after":"2"}""");
        Assert.Equal(ids[2..], second.Ids());
        Assert.False(second.TryGetProperty("paging", out _));
        Assert.Equal(
            ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
            second.GetProperty("results")[0].GetProperty("properties").Names());
    }

    [Fact]
    public async Task NumbersCompareNumerically()
    {
        var ids = await DealsAsync();

        Assert.Equal([ids[0], ids[1]], await FilterAsync("deals", """{"propertyName":"amount","operator":"GT","value":"99"}"""));
        Assert.Equal([ids[0], ids[2]], await FilterAsync("deals", """{"propertyName":"amount","operator":"LTE","value":"100"}"""));
        Assert.Equal([ids[1]], await FilterAsync("deals", """{"propertyName":"amount","operator":"GTE","value":"250.5"}"""));
        Assert.Equal([ids[2]], await FilterAsync("deals", """{"propertyName":"amount","operator":"LT","value":"100"}"""));
        Assert.Equal([ids[0], ids[2]], await FilterAsync("deals", """{"propertyName":"amount","operator":"BETWEEN","value":"20","highValue":"100"}"""));
        Assert.Equal([ids[0]], await FilterAsync("deals", """{"propertyName":"amount","operator":"EQ","value":"100.0"}"""));
        Assert.Equal([ids[1], ids[2]], await FilterAsync("deals", """{"propertyName":"amount","operator":"NEQ","value":"100"}"""));
    }

    [Fact]
    public async Task DatesCompareAsEpochMillisecondsOrIso()
    {
        var ids = await DealsAsync();

        Assert.Equal([ids[1]], await FilterAsync("deals", """{"propertyName":"closedate","operator":"GT","value":"1767225600000"}"""));
        Assert.Equal([ids[0], ids[1]], await FilterAsync("deals", """{"propertyName":"closedate","operator":"BETWEEN","value":"2025-12-31T00:00:00Z","highValue":"1769904000000"}"""));
        var created = Emulator.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(ids, await FilterAsync("deals", $$$"""{"propertyName":"createdate","operator":"GTE","value":"{{{created}}}"}"""));
        Assert.Empty(await FilterAsync("deals", $$$"""{"propertyName":"createdate","operator":"GT","value":"{{{created}}}"}"""));
    }

    [Fact]
    public async Task InAndHasPropertyOperators()
    {
        var ids = await DealsAsync();

        Assert.Equal([ids[0], ids[2]], await FilterAsync("deals", """{"propertyName":"dealstage","operator":"IN","values":["closedwon","contractsent"]}"""));
        Assert.Equal([ids[1]], await FilterAsync("deals", """{"propertyName":"dealstage","operator":"NOT_IN","values":["closedwon","contractsent"]}"""));
        Assert.Equal([ids[0], ids[1]], await FilterAsync("deals", """{"propertyName":"closedate","operator":"HAS_PROPERTY"}"""));
        Assert.Equal([ids[2]], await FilterAsync("deals", """{"propertyName":"closedate","operator":"NOT_HAS_PROPERTY"}"""));
        Assert.Equal([ids[0], ids[1]], await FilterAsync("deals", """{"propertyName":"amount","operator":"IN","values":[100,250.5]}"""));
    }

    [Fact]
    public async Task TextIsCaseInsensitiveButEnumerationsAreNot()
    {
        var ids = await DealsAsync();

        Assert.Equal([ids[0]], await FilterAsync("deals", """{"propertyName":"dealname","operator":"EQ","value":"ALPHA DEAL"}"""));
        Assert.Empty(await FilterAsync("deals", """{"propertyName":"dealstage","operator":"EQ","value":"CLOSEDWON"}"""));
        Assert.Equal([ids[2]], await FilterAsync("deals", """{"propertyName":"dealname","operator":"IN","values":["gamma"]}"""));

        // HubSpot documents that IN values for text properties must be lower case.
        Assert.Empty(await FilterAsync("deals", """{"propertyName":"dealname","operator":"IN","values":["Gamma"]}"""));
    }

    [Fact]
    public async Task ContainsTokenWithWildcard()
    {
        var a = await Api.CreateContactAsync("ann@hubspot.com", "firstname=Ann Marie");
        var b = await Api.CreateContactAsync("bob@example.com", "firstname=Bob");

        Assert.Equal([a], await FilterAsync("contacts", """{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"*@hubspot.com"}"""));
        Assert.Equal([a], await FilterAsync("contacts", """{"propertyName":"firstname","operator":"CONTAINS_TOKEN","value":"marie"}"""));
        Assert.Equal([a], await FilterAsync("contacts", """{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"hubspot"}"""));
        Assert.Equal([b], await FilterAsync("contacts", """{"propertyName":"email","operator":"NOT_CONTAINS_TOKEN","value":"*@hubspot.com"}"""));
        Assert.Empty(await FilterAsync("contacts", """{"propertyName":"firstname","operator":"CONTAINS_TOKEN","value":"mar"}"""));
    }

    [Fact]
    public async Task GroupsAreOrFiltersAreAnd()
    {
        var ids = await DealsAsync();

        var body = await Api.SearchAsync("deals", """
            {"filterGroups":[
              {"filters":[{"propertyName":"amount","operator":"GT","value":"50"},{"propertyName":"dealstage","operator":"EQ","value":"closedwon"}]},
              {"filters":[{"propertyName":"dealname","operator":"EQ","value":"gamma"}]}]}
            """);

        Assert.Equal([ids[0], ids[2]], body.Ids());
    }

    [Fact]
    public async Task QuerySearchesDefaultTextProperties()
    {
        var ids = await DealsAsync();

        Assert.Equal([ids[0]], (await Api.SearchAsync("deals", """{"query":"big ORDER"}""")).Ids());
        Assert.Equal([ids[0], ids[1]], (await Api.SearchAsync("deals", """{"query":"deal"}""")).Ids());
    }

    [Fact]
    public async Task SortsInBothFormsAndDefaultsToCreationOrder()
    {
        var first = await Api.CreateDealAsync("B", "amount=2");
        Emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Api.CreateDealAsync("A", "amount=3");
        var third = await Api.CreateDealAsync("C", "amount=1");

        Assert.Equal([first, second, third], (await Api.SearchAsync("deals", "{}")).Ids());
        // Ties (same createdate) stay in id order, whatever the direction.
        Assert.Equal([second, third, first], (await Api.SearchAsync("deals", """{"sorts":["-createdate"]}""")).Ids());
        Assert.Equal([second, third, first], (await Api.SearchAsync("deals", """{"sorts":[{"propertyName":"createdate","direction":"DESCENDING"}]}""")).Ids());
        Assert.Equal([third, first, second], (await Api.SearchAsync("deals", """{"sorts":[{"propertyName":"amount","direction":"ASCENDING"}]}""")).Ids());
        Assert.Equal([second, first, third], (await Api.SearchAsync("deals", """{"sorts":["dealname"]}""")).Ids());
        await Api.PostJsonAsync("/crm/v3/objects/deals/search", """{"sorts":["amount","dealname"]}""").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"limit":201}""")]
    [InlineData("""{"after":"abc"}""")]
    [InlineData("""{"filterGroups":[{"filters":[]},{"filters":[]},{"filters":[]},{"filters":[]},{"filters":[]},{"filters":[]}]}""")]
    [InlineData("""{"filterGroups":[{"filters":[F,F,F,F,F,F,F]}]}""")]
    [InlineData("""{"filterGroups":[{"filters":[F,F,F,F,F,F]},{"filters":[F,F,F,F,F,F]},{"filters":[F,F,F,F,F,F]},{"filters":[F]}]}""")]
    [InlineData("""{"filterGroups":[{"filters":[{"propertyName":"nope","operator":"EQ","value":"1"}]}]}""")]
    [InlineData("""{"filterGroups":[{"filters":[{"propertyName":"amount","operator":"LIKE","value":"1"}]}]}""")]
    [InlineData("""{"filterGroups":[{"filters":[{"propertyName":"amount","operator":"BETWEEN","value":"1"}]}]}""")]
    public async Task InvalidSearchesAreValidationErrors(string request)
    {
        var json = request.Replace("F", """{"propertyName":"amount","operator":"HAS_PROPERTY"}""", StringComparison.Ordinal);

        var body = await Api.PostJsonAsync("/crm/v3/objects/deals/search", json).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
    }

    [Fact]
    public async Task FilterLimitsAreAtTheirMaximumsAccepted()
    {
        var six = string.Join(',', Enumerable.Repeat("""{"propertyName":"amount","operator":"HAS_PROPERTY"}""", 6));
        var groups = string.Join(',', Enumerable.Repeat($$"""{"filters":[{{six}}]}""", 3));

        await Api.SearchAsync("deals", $$"""{"filterGroups":[{{groups}}]}""");
        await Api.SearchAsync("deals", """{"limit":200}""");
    }

    [Fact]
    public async Task PropertiesParameterAndArchivedObjects()
    {
        var keep = await Api.CreateContactAsync("a@example.com", "phone=1");
        var gone = await Api.CreateContactAsync("b@example.com");
        await Api.DeleteAsync($"/crm/v3/objects/contacts/{gone}").ExpectAsync(HttpStatusCode.NoContent);

        var body = await Api.SearchAsync("contacts", """{"properties":["phone"]}""");

        Assert.Equal([keep], body.Ids());
        Assert.Equal(["createdate", "hs_object_id", "lastmodifieddate", "phone"], body.GetProperty("results")[0].GetProperty("properties").Names());
    }

    [Fact]
    public async Task AssociationPseudoProperty()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var other = await Api.CreateContactAsync("b@example.com");
        var linked = await Api.CreateTicketAsync("Linked");
        await Api.CreateTicketAsync("Alone");
        await Api.PutAsync(new Uri($"/crm/v4/objects/tickets/{linked}/associations/default/contacts/{contact}", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([linked], await FilterAsync("tickets", $$$"""{"propertyName":"associations.contact","operator":"EQ","value":"{{{contact}}}"}"""));
        Assert.Empty(await FilterAsync("tickets", $$$"""{"propertyName":"associations.contact","operator":"EQ","value":"{{{other}}}"}"""));
    }

    [Fact]
    public async Task PagingStopsAtTenThousandResults()
    {
        for (var batch = 0; batch < 101; batch++)
        {
            var inputs = string.Join(',', Enumerable.Range(0, 100).Select(i => $$$"""{"properties":{"email":"c{{{batch}}}-{{{i}}}@example.com"}}"""));
            await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", $$"""{"inputs":[{{inputs}}]}""").ExpectAsync(HttpStatusCode.Created);
        }

        var last = await Api.SearchAsync("contacts", """{"limit":100,"after":"9900"}""");
        Assert.Equal(10_100, last.GetProperty("total").GetInt32());
        Assert.Equal(100, last.GetProperty("results").GetArrayLength());
        Assert.Equal("10000", last.GetProperty("paging").GetProperty("next").Str("after"));

        var beyond = await Api.PostJsonAsync("/crm/v3/objects/contacts/search", """{"limit":100,"after":"10000"}""").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_ERROR", beyond.Str("category"));
        Assert.Contains("10000", beyond.Str("message"), StringComparison.Ordinal);
        await Api.PostJsonAsync("/crm/v3/objects/contacts/search", """{"limit":200,"after":"9801"}""").ExpectAsync(HttpStatusCode.BadRequest);
    }
}
