using System.Net;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class PropertyTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private const string ExternalId = """
        {"name":"external_id","label":"External ID","type":"string","fieldType":"text","groupName":"dealinformation","hasUniqueValue":true}
        """;

    [Fact]
    public async Task ListsPropertyDefinitionsInHubSpotShape()
    {
        var body = await Api.GetAsync("/crm/v3/properties/tickets").ExpectAsync(HttpStatusCode.OK);

        var category = body.GetProperty("results").EnumerateArray().Single(p => p.Str("name") == "hs_ticket_category");
        Assert.Equal("enumeration", category.Str("type"));
        Assert.Equal("select", category.Str("fieldType"));
        Assert.Equal("ticketinformation", category.Str("groupName"));
        Assert.False(category.GetProperty("hasUniqueValue").GetBoolean());
        Assert.False(category.GetProperty("calculated").GetBoolean());
        Assert.False(category.GetProperty("modificationMetadata").GetProperty("readOnlyValue").GetBoolean());
        var option = category.GetProperty("options")[0];
        Assert.Equal(["label", "value", "displayOrder", "hidden"], option.Names());
        Assert.Equal("PRODUCT_ISSUE", option.Str("value"));
        var stages = body.GetProperty("results").EnumerateArray().Single(p => p.Str("name") == "hs_pipeline_stage");
        Assert.Equal(["1", "2", "3", "4"], stages.GetProperty("options").EnumerateArray().Select(o => o.Str("value")));
    }

    [Fact]
    public async Task SystemPropertiesAreReadOnly()
    {
        var body = await Api.GetAsync("/crm/v3/properties/contacts/hs_object_id").ExpectAsync(HttpStatusCode.OK);

        Assert.True(body.GetProperty("modificationMetadata").GetProperty("readOnlyValue").GetBoolean());
        var stages = await Api.GetAsync("/crm/v3/properties/deals/dealstage").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"],
            stages.GetProperty("options").EnumerateArray().Select(o => o.Str("value")));
        await Api.GetAsync("/crm/v3/properties/contacts/nope").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreatesCustomPropertyAndRefusesDuplicates()
    {
        var created = await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("external_id", created.Str("name"));
        Assert.True(created.GetProperty("hasUniqueValue").GetBoolean());
        Assert.False(created.TryGetProperty("hubspotDefined", out _));
        var read = await Api.GetAsync("/crm/v3/properties/deals/external_id").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("External ID", read.Str("label"));
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Conflict);
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId.Replace("external_id", "dealname", StringComparison.Ordinal)).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CustomPropertyNeedsNameLabelTypeFieldTypeAndGroup()
    {
        var body = await Api.PostJsonAsync("/crm/v3/properties/deals", """{"name":"x","type":"string"}""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("label is required", body.Str("message"), StringComparison.Ordinal);
        Assert.Contains("fieldType is required", body.Str("message"), StringComparison.Ordinal);
        Assert.Contains("groupName is required", body.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomPropertiesCanBeWrittenAndValidated()
    {
        await Api.PostJsonAsync("/crm/v3/properties/contacts", """
            {"name":"tier","label":"Tier","type":"enumeration","fieldType":"select","groupName":"contactinformation","options":[{"label":"Gold","value":"gold"},{"label":"Silver","value":"silver"}]}
            """).ExpectAsync(HttpStatusCode.Created);

        var id = await Api.CreateContactAsync("a@example.com", "tier=gold");
        var read = await Api.GetAsync($"/crm/v3/objects/contacts/{id}?properties=tier").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("gold", read.Prop("tier"));
        var bad = await Api.PatchJsonAsync($"/crm/v3/objects/contacts/{id}", """{"properties":{"tier":"bronze"}}""").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_OPTION", bad.GetProperty("errors")[0].Str("code"));
    }

    [Fact]
    public async Task UniqueValuesAreEnforcedOnCreateUpdateAndUpsert()
    {
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Created);
        var first = await Api.CreateDealAsync("One", "external_id=ext-1");
        var second = await Api.CreateDealAsync("Two", "external_id=ext-2");

        var create = await Api.PostJsonAsync("/crm/v3/objects/deals", """{"properties":{"dealname":"X","dealstage":"closedwon","external_id":"ext-1"}}""")
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("CONFLICT", create.Str("category"));
        Assert.EndsWith($"Existing ID: {first}", create.Str("message"), StringComparison.Ordinal);

        var update = await Api.PatchJsonAsync($"/crm/v3/objects/deals/{second}", """{"properties":{"external_id":"ext-1"}}""").ExpectAsync(HttpStatusCode.Conflict);
        Assert.EndsWith($"Existing ID: {first}", update.Str("message"), StringComparison.Ordinal);

        var upsert = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/upsert", """
            {"inputs":[{"idProperty":"external_id","id":"ext-2","properties":{"external_id":"ext-1"}}]}
            """).ExpectAsync(HttpStatusCode.Conflict);
        Assert.EndsWith($"Existing ID: {first}", upsert.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UniqueConflictInsideA207IsAPerInputConflict()
    {
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Created);
        var first = await Api.CreateDealAsync("One", "external_id=ext-1");

        var body = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/create", """
            {"inputs":[
              {"objectWriteTraceId":"a","properties":{"dealname":"A","dealstage":"closedwon","external_id":"ext-1"}},
              {"objectWriteTraceId":"b","properties":{"dealname":"B","dealstage":"closedwon","external_id":"ext-9"}}]}
            """).ExpectAsync(HttpStatusCode.MultiStatus);

        var error = body.GetProperty("errors")[0];
        Assert.Equal("CONFLICT", error.Str("category"));
        Assert.EndsWith($"Existing ID: {first}", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal("a", error.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString());
        Assert.Single(body.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task UniquePropertyWorksAsIdProperty()
    {
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Created);
        var id = await Api.CreateDealAsync("One", "external_id=ext-1");

        var read = await Api.GetAsync("/crm/v3/objects/deals/ext-1?idProperty=external_id").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, read.Str("id"));
        var batchRead = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/read", """{"idProperty":"external_id","inputs":[{"id":"ext-1"},{"id":"ext-2"}]}""")
            .ExpectAsync(HttpStatusCode.MultiStatus);
        Assert.Equal([id], batchRead.Ids());
        var patched = await Api.PatchJsonAsync("/crm/v3/objects/deals/ext-1?idProperty=external_id", """{"properties":{"amount":"10"}}""").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("10", patched.Prop("amount"));
        var batchUpdate = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/update", """{"inputs":[{"idProperty":"external_id","id":"ext-1","properties":{"amount":"11"}}]}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], batchUpdate.Ids());

        var upsert = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/upsert", """
            {"inputs":[
              {"idProperty":"external_id","id":"ext-1","properties":{"amount":"12"}},
              {"idProperty":"external_id","id":"ext-2","properties":{"dealname":"Two","dealstage":"closedlost"}}]}
            """).ExpectAsync(HttpStatusCode.OK);
        var results = upsert.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal((id, false), (results[0].Str("id"), results[0].GetProperty("new").GetBoolean()));
        Assert.True(results[1].GetProperty("new").GetBoolean());
        Assert.Equal("ext-2", results[1].Prop("external_id"));
    }

    [Fact]
    public async Task AtMostTenUniquePropertiesPerType()
    {
        for (var i = 0; i < 10; i++)
        {
            await Api.PostJsonAsync("/crm/v3/properties/tickets", ExternalId.Replace("external_id", $"key_{i}", StringComparison.Ordinal)).ExpectAsync(HttpStatusCode.Created);
        }

        await Api.PostJsonAsync("/crm/v3/properties/tickets", ExternalId.Replace("external_id", "key_10", StringComparison.Ordinal)).ExpectAsync(HttpStatusCode.BadRequest);
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ResetDropsCustomProperties()
    {
        await Api.PostJsonAsync("/crm/v3/properties/deals", ExternalId).ExpectAsync(HttpStatusCode.Created);

        await Emulator.ResetAsync();

        await Api.GetAsync("/crm/v3/properties/deals/external_id").ExpectAsync(HttpStatusCode.NotFound);
    }
}

public sealed class UniquePropertiesForbiddenTests(UniquePropertiesForbiddenTests.Forbidding emulator)
    : EmulatorTest<UniquePropertiesForbiddenTests.Forbidding>(emulator)
{
    [Fact]
    public async Task CreatingAUniquePropertyIsForbidden()
    {
        var body = await Api.PostJsonAsync("/crm/v3/properties/contacts", """
            {"name":"external_id","label":"External ID","type":"string","fieldType":"text","groupName":"contactinformation","hasUniqueValue":true}
            """).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal("error", body.Str("status"));
        await Api.PostJsonAsync("/crm/v3/properties/contacts", """
            {"name":"external_id","label":"External ID","type":"string","fieldType":"text","groupName":"contactinformation"}
            """).ExpectAsync(HttpStatusCode.Created);
    }

    public sealed class Forbidding() : EmulatorFixture(
        new Dictionary<string, string?> { ["Emulator:Properties:AllowUniqueProperties"] = "false" },
        fakeClock: true);
}
