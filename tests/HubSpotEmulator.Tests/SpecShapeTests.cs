using System.Net;
using System.Text.Json;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

/// <summary>
/// The emulator answers in the shapes of HubSpot's OpenAPI specs (repository HubSpot/HubSpot-public-api-spec-collection,
/// commit 99893791383254f52aa07662baeb98aad65cc710) and refuses what HubSpot refuses, no more.
/// </summary>
public sealed class SpecShapeTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private static void AssertStandardError(JsonElement error)
    {
        // StandardError in PublicApiSpecs/CRM/Contacts/Rollouts/424/v3/contacts.json (the same in deals, tickets,
        // companies, properties and associations): required status, category, message, context, errors, links.
        foreach (var field in new[] { "status", "category", "message", "context", "errors", "links" })
        {
            Assert.True(error.TryGetProperty(field, out _), $"{field} is missing from {error}");
        }

        Assert.Equal("error", error.Str("status"));
        Assert.Equal(JsonValueKind.Object, error.GetProperty("context").ValueKind);
        Assert.Equal(JsonValueKind.Array, error.GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Object, error.GetProperty("links").ValueKind);
    }

    [Fact]
    public async Task A_207_error_item_of_a_batch_write_has_every_field_StandardError_requires()
    {
        using var response = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """
            {"inputs":[
              {"objectWriteTraceId":"t1","properties":{"email":"ok@example.com"}},
              {"objectWriteTraceId":"t2","properties":{"missing":"x"}}]}
            """);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToList());
        AssertStandardError(error);
        Assert.Equal(["status", "category", "message", "context", "errors", "links"], error.Names());
        Assert.Equal("t2", error.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString());
        var detail = Assert.Single(error.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("PROPERTY_DOESNT_EXIST", detail.Str("code"));
        Assert.Equal("missing", detail.GetProperty("context").GetProperty("propertyName")[0].GetString());
    }

    [Fact]
    public async Task A_207_error_item_of_a_batch_read_has_every_field_StandardError_requires()
    {
        var contact = await Api.CreateContactAsync("a@example.com");

        using var response = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/read", $$"""
            {"inputs":[{"id":"{{contact}}"},{"id":"200000999"}],"properties":["email"],"propertiesWithHistory":[]}
            """);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToList());
        AssertStandardError(error);
        Assert.Equal("OBJECT_NOT_FOUND", error.Str("category"));
        Assert.Equal(["200000999"], error.GetProperty("context").GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(0, error.GetProperty("errors").GetArrayLength());
    }

    /// <summary>
    /// MultiAssociatedObjectWithLabel.toObjectId is a string in PublicApiSpecs/CRM/Associations/Rollouts/130902/v4/associations.json.
    /// An object without associations is a 207 item with subCategory crm.associations.NO_ASSOCIATIONS_FOUND, as a live
    /// HubSpot answered in a public integration's notes (2026-08-17).
    /// </summary>
    [Fact]
    public async Task A_v4_batch_read_gives_ids_as_strings_and_reports_objects_without_associations_as_HubSpot_does()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var lonely = await Api.CreateContactAsync("b@example.com");
        var deal = await Api.CreateDealAsync();
        await Api.PutAsync(new Uri($"/crm/v4/objects/contacts/{contact}/associations/default/deals/{deal}", UriKind.Relative), null);

        using var response = await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", $$"""
            {"inputs":[{"id":"{{contact}}"},{"id":"{{lonely}}"},{"id":"200000999"}]}
            """);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var target = body.GetProperty("results")[0].GetProperty("to")[0];
        Assert.Equal(JsonValueKind.String, target.GetProperty("toObjectId").ValueKind);
        Assert.Equal(deal, target.Str("toObjectId"));
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, body.GetProperty("numErrors").GetInt32());
        Assert.All(errors, AssertStandardError);
        var none = errors.Single(e => e.TryGetProperty("subCategory", out _));
        Assert.Equal("OBJECT_NOT_FOUND", none.Str("category"));
        Assert.Equal("crm.associations.NO_ASSOCIATIONS_FOUND", none.Str("subCategory"));
        Assert.Equal($"No deal is associated with contact {lonely}.", none.Str("message"));
        var missing = errors.Single(e => !e.TryGetProperty("subCategory", out _));
        Assert.Equal(["200000999"], missing.GetProperty("context").GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
    }

    /// <summary>LabelsBetweenObjectPair and MultiAssociatedObjectWithLabel in PublicApiSpecs/CRM/Associations/Rollouts/130902/v4/associations.json type every object id as a string.</summary>
    [Fact]
    public async Task V4_single_object_answers_give_ids_as_strings()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var deal = await Api.CreateDealAsync();

        var labelled = await Api.PutJsonAsync($"/crm/v4/objects/deals/{deal}/associations/contacts/{contact}", """[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]""")
            .ExpectAsync(HttpStatusCode.Created);
        var list = await Api.GetAsync($"/crm/v4/objects/contacts/{contact}/associations/deals").ExpectAsync(HttpStatusCode.OK);
        var created = await Api.PostJsonAsync("/crm/v4/associations/deals/contacts/batch/create", $$"""
            {"inputs":[{"from":{"id":"{{deal}}"},"to":{"id":"{{contact}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal((deal, contact), (labelled.Str("fromObjectId"), labelled.Str("toObjectId")));
        Assert.Equal(deal, list.GetProperty("results")[0].Str("toObjectId"));
        var pair = created.GetProperty("results")[0];
        Assert.Equal((deal, contact), (pair.Str("fromObjectId"), pair.Str("toObjectId")));
    }

    /// <summary>Error in PublicApiSpecs/Auth/Oauth/Rollouts/155908/v1/oauth.json, the token endpoint's default answer, requires category, correlationId and message.</summary>
    [Fact]
    public async Task A_refused_token_request_carries_the_category_the_OAuth_spec_requires()
    {
        using var response = await Anonymous.RefreshAsync("not-the-refresh-token");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["status", "message", "correlationId", "category"], body.Names());
        Assert.Equal("BAD_REFRESH_TOKEN", body.Str("status"));
        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
    }

    /// <summary>Every CRM operation's default answer is Error (PublicApiSpecs/CRM/Contacts/Rollouts/424/v3/contacts.json): category is required, on 429s too.</summary>
    [Theory]
    [InlineData("TEN_SECONDLY_ROLLING")]
    [InlineData("DAILY")]
    [InlineData("SECONDLY")]
    public async Task A_429_carries_a_category(string policy)
    {
        await Anonymous.PostJsonAsync("/_emulator/faults/rate-limit-burst", $$"""{"count":1,"policy":"{{policy}}"}""").ExpectAsync(HttpStatusCode.NoContent);

        var body = await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal("RATE_LIMITS", body.Str("category"));
        Assert.Equal("RATE_LIMIT", body.Str("errorType"));
        Assert.Equal(policy, body.Str("policyName"));
    }

    /// <summary>
    /// Fields the specs require and HubSpot cannot do without: inputs' id and properties (SimplePublicObjectBatchInput,
    /// SimplePublicObjectInput, SimplePublicObjectId in PublicApiSpecs/CRM/Contacts/Rollouts/424/v3/contacts.json),
    /// filterGroups' filters (FilterGroup there) and the v4 inputs' id, from and to
    /// (PublicFetchAssociationsBatchRequest, PublicDefaultAssociationMultiPost, PublicAssociationMultiPost in …/130902/v4/associations.json).
    /// HubSpot refuses such a body whole, in its "Some required fields were not set" words.
    /// </summary>
    [Theory]
    [InlineData("POST", "/crm/v3/objects/contacts", """{"associations":[]}""", "properties")]
    [InlineData("PATCH", "/crm/v3/objects/contacts/{contact}", """{}""", "properties")]
    [InlineData("POST", "/crm/v3/objects/contacts/batch/create", """{"inputs":[{"objectWriteTraceId":"1","properties":{"email":"c@example.com"}},{"objectWriteTraceId":"2"}]}""", "properties")]
    [InlineData("POST", "/crm/v3/objects/contacts/batch/update", """{"inputs":[{"properties":{"firstname":"X"}}]}""", "id")]
    [InlineData("POST", "/crm/v3/objects/contacts/batch/update", """{"inputs":[{"id":"{contact}"}]}""", "properties")]
    [InlineData("POST", "/crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"idProperty":"email","properties":{"firstname":"X"}}]}""", "id")]
    [InlineData("POST", "/crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"id":"c@example.com","idProperty":"email"}]}""", "properties")]
    [InlineData("POST", "/crm/v3/objects/contacts/batch/read", """{"inputs":[{}],"properties":["email"]}""", "id")]
    [InlineData("POST", "/crm/v3/objects/contacts/search", """{"filterGroups":[{}]}""", "filters")]
    [InlineData("POST", "/crm/v4/associations/contacts/deals/batch/read", """{"inputs":[{"after":"1"}]}""", "id")]
    [InlineData("POST", "/crm/v4/associations/contacts/deals/batch/associate/default", """{"inputs":[{"from":{"id":"{contact}"}}]}""", "to")]
    [InlineData("POST", "/crm/v4/associations/contacts/companies/batch/labels/archive", """{"inputs":[{"to":{"id":"400000001"}}]}""", "from")]
    public async Task A_body_missing_a_field_HubSpot_requires_is_refused_whole_and_nothing_is_written(string method, string path, string json, string field)
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var before = await Anonymous.GetAsync("/_emulator/objects/contacts").ExpectAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.Replace("{contact}", contact, StringComparison.Ordinal), UriKind.Relative))
        {
            Content = new StringContent(json.Replace("{contact}", contact, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        var body = await Api.SendAsync(request).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        Assert.Equal($"Invalid input JSON: Some required fields were not set: [{field}]", body.Str("message"));
        var after = await Anonymous.GetAsync("/_emulator/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToString(), after.ToString());
    }

    /// <summary>
    /// The specs also mark these required, but HubSpot answers without them, so the emulator does too: search's after,
    /// limit, properties, sorts and filterGroups (HubSpot's search guide sends only filterGroups or only a query), batch
    /// read's properties and propertiesWithHistory (a raw call in HubSpot/hubspot-api-php#619 answered 207 without the
    /// latter), create's associations (HubSpot's object guide examples leave it out).
    /// </summary>
    [Fact]
    public async Task Requests_without_the_fields_HubSpot_does_without_are_answered()
    {
        var contact = await Api.CreateContactAsync("a@example.com");

        await Api.PostJsonAsync("/crm/v3/objects/contacts/search", "{}").ExpectAsync(HttpStatusCode.OK);
        await Api.PostJsonAsync("/crm/v3/objects/contacts/search", """{"query":"example"}""").ExpectAsync(HttpStatusCode.OK);
        await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/read", $$"""{"inputs":[{"id":"{{contact}}"}]}""").ExpectAsync(HttpStatusCode.OK);
        await Api.PostJsonAsync("/crm/v3/objects/contacts", """{"properties":{"email":"b@example.com"}}""").ExpectAsync(HttpStatusCode.Created);
        await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """{"inputs":[{"properties":{"email":"c@example.com"}}]}""").ExpectAsync(HttpStatusCode.Created);
    }
}
