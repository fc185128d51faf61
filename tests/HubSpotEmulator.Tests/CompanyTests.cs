using System.Net;
using System.Text.Json;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

/// <summary>
/// Companies as HubSpot's Companies API has them: PublicApiSpecs/CRM/Companies/Rollouts/424/v3/companies.json in
/// HubSpot/HubSpot-public-api-spec-collection (commit 99893791383254f52aa07662baeb98aad65cc710) has the same paths and
/// schemas as contacts, deals and tickets (SimplePublicObject, BatchResponseSimplePublicObject, SimplePublicUpsertObject,
/// CollectionResponseWithTotalSimplePublicObject), with `name` and `domain` as the properties returned by default.
/// </summary>
public sealed class CompanyTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private const string ExternalId = """
        {"name":"external_company_id","label":"External company ID","type":"string","fieldType":"text","groupName":"companyinformation","hasUniqueValue":true}
        """;

    private static string Upsert(params (string Id, string Properties)[] inputs) =>
        $$"""{"inputs":[{{string.Join(',', inputs.Select(i => $$"""{"idProperty":"external_company_id","id":"{{i.Id}}","properties":{{i.Properties}}}"""))}}]}""";

    private async Task<JsonElement> CompaniesAsync() =>
        (await Anonymous.GetAsync("/_emulator/objects/companies").ExpectAsync(HttpStatusCode.OK)).GetProperty("results");

    [Fact]
    public async Task A_company_is_created_with_every_property_it_has_and_read_with_name_domain_and_the_system_properties()
    {
        var created = await Api.PostJsonAsync("/crm/v3/objects/companies", """
            {"properties":{"name":"Dragonfly Inn","domain":"thedragonfly.com","city":"Stars Hollow"},"associations":[]}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(["id", "properties", "createdAt", "updatedAt", "archived"], created.Names());
        var id = created.Str("id");
        Assert.Equal("400000001", id);
        Assert.Equal(
            ["city", "createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "hs_object_source", "hs_object_source_label", "name"],
            created.GetProperty("properties").Names().Order(StringComparer.Ordinal));
        Assert.Equal((id, Emulator.Now, Emulator.Now), (created.Prop("hs_object_id"), created.Prop("createdate"), created.Prop("hs_lastmodifieddate")));

        var read = await Api.GetAsync($"/crm/v3/objects/companies/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"], read.GetProperty("properties").Names());
        Assert.Equal(("Dragonfly Inn", "thedragonfly.com"), (read.Prop("name"), read.Prop("domain")));
        await Api.GetAsync($"/crm/v3/objects/0-2/{id}").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync($"/crm/v3/objects/company/{id}").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Companies have hs_lastmodifieddate, as deals and tickets do, and no lastmodifieddate; HubSpot ignores unknown names on reads.</summary>
    [Fact]
    public async Task A_read_of_named_properties_ignores_lastmodifieddate_which_companies_do_not_have()
    {
        var id = await Api.CreateCompanyAsync("Dragonfly Inn", "city=Stars Hollow");

        var read = await Api.GetAsync($"/crm/v3/objects/companies/{id}?properties=lastmodifieddate,city").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["city", "createdate", "hs_lastmodifieddate", "hs_object_id"], read.GetProperty("properties").Names());
    }

    /// <summary>
    /// HubSpot: "When managing companies through the API, the company ID is the unique identifier used for deduplication"
    /// (developers.hubspot.com/docs/api/crm/companies); the domain property is not unique (hasUniqueValue false), and the
    /// emulator stores it as sent, as any text property.
    /// </summary>
    [Fact]
    public async Task The_domain_is_stored_as_sent_and_two_companies_may_have_the_same_one()
    {
        var first = await Api.CreateCompanyAsync("A", "domain=example.com");
        var second = await Api.CreateCompanyAsync("B", "domain=example.com");
        var written = await Api.CreateCompanyAsync("C", "domain=https://www.Example.com/about");
        var websiteOnly = await Api.CreateCompanyAsync("D", "website=https://www.example.com");

        Assert.NotEqual(first, second);
        var read = await Api.GetAsync($"/crm/v3/objects/companies/{written}?properties=domain,website").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("https://www.Example.com/about", read.Prop("domain"));
        var fromWebsite = await Api.GetAsync($"/crm/v3/objects/companies/{websiteOnly}?properties=domain,website").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, fromWebsite.GetProperty("properties").GetProperty("domain").ValueKind);
        Assert.Equal("https://www.example.com", fromWebsite.Prop("website"));
        var definition = await Api.GetAsync("/crm/v3/properties/companies/domain").ExpectAsync(HttpStatusCode.OK);
        Assert.False(definition.GetProperty("hasUniqueValue").GetBoolean());
        var found = await Api.SearchAsync("companies", """{"filterGroups":[{"filters":[{"propertyName":"domain","operator":"EQ","value":"example.com"}]}]}""");
        Assert.Equal([first, second], found.Ids());
    }

    /// <summary>idProperty must name a property "whose values are unique for this object" (SimplePublicObjectBatchInputUpsert in companies.json); domain is not one.</summary>
    [Fact]
    public async Task The_domain_cannot_identify_a_company_to_read_update_or_upsert()
    {
        await Api.CreateCompanyAsync("A", "domain=example.com");
        const string NotUnique = "by non-unique 0-2 property domain in portal ID 12345678";

        var read = await Api.GetAsync("/crm/v3/objects/companies/example.com?idProperty=domain").ExpectAsync(HttpStatusCode.BadRequest);
        var batchRead = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/read", """{"idProperty":"domain","inputs":[{"id":"example.com"}]}""")
            .ExpectAsync(HttpStatusCode.BadRequest);
        var update = await Api.PatchJsonAsync("/crm/v3/objects/companies/example.com?idProperty=domain", """{"properties":{"name":"B"}}""")
            .ExpectAsync(HttpStatusCode.BadRequest);
        var upsert = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/upsert", """
            {"inputs":[{"idProperty":"domain","id":"other.com","properties":{"name":"Other"}}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal($"Unable to perform read {NotUnique}", read.Str("message"));
        Assert.Equal($"Unable to perform read {NotUnique}", batchRead.Str("message"));
        Assert.Equal($"Unable to perform update/upsert {NotUnique}", update.Str("message"));
        Assert.Equal($"Unable to perform update/upsert {NotUnique}", upsert.Str("message"));
        Assert.All([read, batchRead, update, upsert], b => Assert.Equal("VALIDATION_ERROR", b.Str("category")));
        Assert.Equal(1, (await CompaniesAsync()).GetArrayLength());
    }

    [Fact]
    public async Task An_upsert_by_a_unique_value_property_creates_the_company_once_and_then_updates_it()
    {
        await Api.PostJsonAsync("/crm/v3/properties/companies", ExternalId).ExpectAsync(HttpStatusCode.Created);

        var created = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/upsert", Upsert(("acme-1", """{"name":"Acme","domain":"acme.com"}""")))
            .ExpectAsync(HttpStatusCode.OK);
        var updated = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/upsert", Upsert(("acme-1", """{"name":"Acme Corp"}""")))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["status", "results", "startedAt", "completedAt"], created.Names());
        var first = created.GetProperty("results")[0];
        var second = updated.GetProperty("results")[0];
        Assert.Equal(["id", "properties", "createdAt", "updatedAt", "archived", "new"], first.Names());
        Assert.True(first.GetProperty("new").GetBoolean());
        Assert.False(second.GetProperty("new").GetBoolean());
        Assert.Equal(first.Str("id"), second.Str("id"));
        Assert.Equal(("acme-1", "Acme Corp", "acme.com"), (second.Prop("external_company_id"), second.Prop("name"), second.Prop("domain")));
        var byValue = await Api.GetAsync("/crm/v3/objects/companies/acme-1?idProperty=external_company_id").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(first.Str("id"), byValue.Str("id"));
        Assert.Equal(1, (await CompaniesAsync()).GetArrayLength());
    }

    [Fact]
    public async Task An_upsert_of_several_companies_is_all_or_nothing_without_trace_ids_and_per_input_with_them()
    {
        await Api.PostJsonAsync("/crm/v3/properties/companies", ExternalId).ExpectAsync(HttpStatusCode.Created);

        var refused = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/upsert", Upsert(
            ("a", """{"name":"A"}"""),
            ("b", """{"name":"B","industry":"Technology"}"""))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_OPTION", refused.GetProperty("errors")[0].Str("code"));
        Assert.Equal(0, (await CompaniesAsync()).GetArrayLength());

        var partial = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/upsert", """
            {"inputs":[
              {"idProperty":"external_company_id","id":"a","objectWriteTraceId":"t1","properties":{"name":"A"}},
              {"idProperty":"external_company_id","id":"b","objectWriteTraceId":"t2","properties":{"industry":"Technology"}}]}
            """).ExpectAsync(HttpStatusCode.MultiStatus);
        Assert.Equal("a", partial.GetProperty("results")[0].Prop("external_company_id"));
        var error = partial.GetProperty("errors")[0];
        Assert.Equal(("VALIDATION_ERROR", "t2"), (error.Str("category"), error.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString()));
        Assert.Equal(1, (await CompaniesAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_unique_value_another_company_holds_is_a_409_on_create_and_update()
    {
        await Api.PostJsonAsync("/crm/v3/properties/companies", ExternalId).ExpectAsync(HttpStatusCode.Created);
        var holder = await Api.CreateCompanyAsync("A", "external_company_id=acme-1");
        var other = await Api.CreateCompanyAsync("B");

        var create = await Api.PostJsonAsync("/crm/v3/objects/companies", """{"properties":{"name":"C","external_company_id":"acme-1"}}""")
            .ExpectAsync(HttpStatusCode.Conflict);
        var update = await Api.PatchJsonAsync($"/crm/v3/objects/companies/{other}", """{"properties":{"external_company_id":"ACME-1"}}""")
            .ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal(("CONFLICT", $"A company with external_company_id \"acme-1\" already exists. Existing ID: {holder}"), (create.Str("category"), create.Str("message")));
        Assert.Equal("CONFLICT", update.Str("category"));
        Assert.Equal(2, (await CompaniesAsync()).GetArrayLength());
    }

    [Fact]
    public async Task The_properties_API_lists_HubSpots_company_properties()
    {
        var list = await Api.GetAsync("/crm/v3/properties/companies").ExpectAsync(HttpStatusCode.OK);
        var names = list.GetProperty("results").EnumerateArray().Select(p => p.Str("name")).ToList();

        Assert.Superset(
            new HashSet<string> { "name", "domain", "website", "phone", "city", "industry", "numberofemployees", "hs_object_id", "createdate", "hs_lastmodifieddate" },
            names.ToHashSet());
        Assert.DoesNotContain("lastmodifieddate", names);
        Assert.DoesNotContain("email", names);
        var industry = await Api.GetAsync("/crm/v3/properties/0-2/industry").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("enumeration", "select", "companyinformation"), (industry.Str("type"), industry.Str("fieldType"), industry.Str("groupName")));
        Assert.Contains("COMPUTER_SOFTWARE", industry.GetProperty("options").EnumerateArray().Select(o => o.Str("value")));
        var employees = await Api.GetAsync("/crm/v3/properties/companies/numberofemployees").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("number", employees.Str("type"));
        var recordId = await Api.GetAsync("/crm/v3/properties/companies/hs_object_id").ExpectAsync(HttpStatusCode.OK);
        Assert.True(recordId.GetProperty("modificationMetadata").GetProperty("readOnlyValue").GetBoolean());
    }

    [Theory]
    [InlineData("industry", "Technology", "INVALID_OPTION")]
    [InlineData("numberofemployees", "many", "INVALID_DECIMAL")]
    [InlineData("hs_lastmodifieddate", "1700000000000", "READ_ONLY_VALUE")]
    [InlineData("lastmodifieddate", "1700000000000", "PROPERTY_DOESNT_EXIST")]
    public async Task Values_are_checked_as_HubSpot_checks_them(string property, string value, string code)
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/companies", $$$"""{"properties":{"name":"A","{{{property}}}":"{{{value}}}"}}""")
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        Assert.Equal((code, property), (body.GetProperty("errors")[0].Str("code"), body.GetProperty("errors")[0].GetProperty("context").GetProperty("propertyName")[0].GetString()));
        Assert.Equal(0, (await CompaniesAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Valid_values_are_stored_in_HubSpots_form_and_no_property_is_required()
    {
        var created = await Api.PostJsonAsync("/crm/v3/objects/companies", """
            {"properties":{"industry":"COMPUTER_SOFTWARE","numberofemployees":25,"phone":"+1 555 0100"}}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(("COMPUTER_SOFTWARE", "25", "+1 555 0100"), (created.Prop("industry"), created.Prop("numberofemployees"), created.Prop("phone")));
        await Api.PostJsonAsync("/crm/v3/objects/companies", """{"properties":{}}""").ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Batch_calls_answer_in_the_shapes_of_the_other_types()
    {
        var created = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/create", """
            {"inputs":[{"properties":{"name":"A"}},{"properties":{"name":"B"}}]}
            """).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["400000001", "400000002"], created.Ids());

        var read = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/read", """
            {"inputs":[{"id":"400000001"},{"id":"400000999"}],"properties":["name"]}
            """).ExpectAsync(HttpStatusCode.MultiStatus);
        Assert.Equal(["400000001"], read.Ids());
        Assert.Equal(
            "Could not get some COMPANY objects, they may be deleted or not exist. Check that ids are valid.",
            read.GetProperty("errors")[0].Str("message"));

        var updated = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/update", """
            {"inputs":[{"id":"400000001","properties":{"city":"Stars Hollow"}},{"id":"400000002","properties":{"city":"Hartford"}}]}
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Stars Hollow", "Hartford"], updated.GetProperty("results").EnumerateArray().Select(r => r.Prop("city")));

        using var archived = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/archive", """{"inputs":[{"id":"400000001"}]}""");
        Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
        await Api.GetAsync("/crm/v3/objects/companies/400000001").ExpectAsync(HttpStatusCode.NotFound);
        await Api.GetAsync("/crm/v3/objects/companies/400000001?archived=true").ExpectAsync(HttpStatusCode.OK);

        var tooMany = string.Join(',', Enumerable.Repeat("""{"properties":{"name":"X"}}""", 101));
        await Api.PostJsonAsync("/crm/v3/objects/companies/batch/create", $$"""{"inputs":[{{tooMany}}]}""").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Single_updates_deletes_and_lists_work_as_for_the_other_types()
    {
        var a = await Api.CreateCompanyAsync("A");
        var b = await Api.CreateCompanyAsync("B");

        var updated = await Api.PatchJsonAsync($"/crm/v3/objects/companies/{a}", """{"properties":{"name":"A2","domain":""}}""").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("A2", updated.Prop("name"));
        await Api.DeleteAsync($"/crm/v3/objects/companies/{b}").ExpectAsync(HttpStatusCode.NoContent);
        await Api.PatchJsonAsync($"/crm/v3/objects/companies/{b}", """{"properties":{"name":"B2"}}""").ExpectAsync(HttpStatusCode.NotFound);

        var page = await Api.GetAsync("/crm/v3/objects/companies?limit=1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([a], page.Ids());
        Assert.False(page.TryGetProperty("paging", out _));
        var archived = await Api.GetAsync("/crm/v3/objects/companies?archived=true").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([b], archived.Ids());
    }

    [Fact]
    public async Task Search_sees_companies_after_the_indexing_lag_and_returns_their_default_properties()
    {
        await Anonymous.PutSettingsAsync("""{"search":{"indexingLagMs":2000}}""");
        const string ByName = """{"filterGroups":[{"filters":[{"propertyName":"name","operator":"EQ","value":"dragonfly inn"}]}]}""";
        var id = await Api.CreateCompanyAsync("Dragonfly Inn", "domain=thedragonfly.com");

        Assert.Empty((await Api.SearchAsync("companies", ByName)).Ids());
        Emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        var found = await Api.SearchAsync("companies", ByName);

        Assert.Equal([id], found.Ids());
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"], found.GetProperty("results")[0].GetProperty("properties").Names());
    }

    /// <summary>The search guide's default searchable properties for companies: website, phone, name, domain.</summary>
    [Fact]
    public async Task Search_queries_filters_and_sorts_companies_and_keeps_the_10000_result_window()
    {
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn", "domain=thedragonfly.com", "numberofemployees=12");
        var diner = await Api.CreateCompanyAsync("Luke's Diner", "website=https://lukes.example", "numberofemployees=3");
        var press = await Api.CreateCompanyAsync("Stars Hollow Gazette", "phone=555-0199", "numberofemployees=5");

        Assert.Equal([inn], (await Api.SearchAsync("companies", """{"query":"thedragonfly"}""")).Ids());
        Assert.Equal([diner], (await Api.SearchAsync("companies", """{"query":"lukes.example"}""")).Ids());
        Assert.Equal([press], (await Api.SearchAsync("companies", """{"query":"555-0199"}""")).Ids());
        var bySize = await Api.SearchAsync("companies", """
            {"filterGroups":[{"filters":[{"propertyName":"numberofemployees","operator":"GTE","value":"5"}]}],"sorts":[{"propertyName":"numberofemployees","direction":"DESCENDING"}]}
            """);
        Assert.Equal([inn, press], bySize.Ids());
        var capped = await Api.PostJsonAsync("/crm/v3/objects/companies/search", """{"after":"9990","limit":20}""").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Search results are limited to 10000: after (9990) + limit (20) goes beyond result 10000.", capped.Str("message"));
    }

    [Fact]
    public async Task The_control_API_dumps_and_counts_companies_and_a_reset_drops_them()
    {
        var id = await Api.CreateCompanyAsync("Dragonfly Inn", "domain=thedragonfly.com");

        var dump = (await CompaniesAsync())[0];
        Assert.Equal(["id", "properties", "createdAt", "updatedAt", "archived", "associations"], dump.Names());
        Assert.Equal((id, "thedragonfly.com"), (dump.Str("id"), dump.Prop("domain")));
        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, stats.GetProperty("objects").GetProperty("companies").GetInt32());
        Assert.Equal(1, stats.GetProperty("calls").GetProperty("POST /crm/v3/objects/companies").GetProperty("201").GetInt64());

        await Emulator.ResetAsync();

        Assert.Equal(0, (await CompaniesAsync()).GetArrayLength());
        Assert.Equal("400000001", await Api.CreateCompanyAsync("Again"));
    }

    [Fact]
    public async Task Company_calls_count_against_the_ten_second_window_and_carry_the_rate_limit_headers()
    {
        await Anonymous.PutSettingsAsync("""{"rateLimits":{"enabled":true,"tenSecondly":2}}""");

        using var first = await Api.GetAsync("/crm/v3/objects/companies");
        using var search = await Api.PostJsonAsync("/crm/v3/objects/companies/search", "{}");
        using var second = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/read", """{"inputs":[]}""");
        using var refused = await Api.GetAsync("/crm/v3/objects/companies");

        Assert.Equal("1", first.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.DoesNotContain(search.Headers, h => h.Key.StartsWith("X-HubSpot-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("TEN_SECONDLY_ROLLING", (await refused.JsonAsync()).Str("policyName"));
    }
}
