using System.Net;
using System.Text.Json;
using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.NewObjects;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.HubSpot;

/// <summary>
/// The Worker against HubSpot's own OpenAPI specs (repository HubSpot/HubSpot-public-api-spec-collection, commit
/// 99893791383254f52aa07662baeb98aad65cc710): it reads every shape they allow and sends every field they require.
/// </summary>
public sealed class SpecShapeTests
{
    private static readonly Uri FakeHubSpot = new("http://hubspot.test/");

    private const string Timestamps = """
        "requestedAt":"2026-01-15T09:30:00.000Z","startedAt":"2026-01-15T09:30:00.010Z","completedAt":"2026-01-15T09:30:00.090Z"
        """;

    private static ServiceProvider Services(ScriptedHubSpot hubSpot) =>
        WorkerServices.Build(FakeHubSpot, primaryHandler: () => hubSpot, configure: s => s.AddScoped<NewObjectsReader>());

    /// <summary>
    /// BatchResponseSimplePublicObjectWithErrors and StandardError in PublicApiSpecs/CRM/Deals/Rollouts/424/v3/deals.json:
    /// an error item requires status, category, message, context, errors and links; its subCategory is typed as an
    /// object there (and as a string in Error and ErrorDetail), so any of these may arrive.
    /// </summary>
    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":"INVALID_OPTION"}""")]
    [InlineData("\"crm.properties.INVALID_OPTION\"")]
    [InlineData("null")]
    public async Task A_207_in_the_specs_shape_fails_only_the_input_it_names_whatever_its_subCategory(string subCategory)
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.MultiStatus, $$$"""
            {"status":"COMPLETE",
             "results":[{"id":"501","properties":{"dealname":"Good","hs_object_id":"501"},"createdAt":"2026-01-15T09:30:00.050Z",
               "updatedAt":"2026-01-15T09:30:00.050Z","archived":false,"objectWriteTraceId":"0",
               "propertiesWithHistory":{},"url":"https://app.hubspot.com/contacts/1/record/0-3/501"}],
             "numErrors":1,
             "errors":[{"status":"error","id":"a1b2","category":"VALIDATION_ERROR","subCategory":{{{subCategory}}},
               "message":"Property values were not valid: [{\"isValid\":false,\"message\":\"nowhere was not one of the allowed options\",\"error\":\"INVALID_OPTION\",\"name\":\"dealstage\"}]",
               "context":{"objectWriteTraceId":["1"]},
               "errors":[{"message":"nowhere was not one of the allowed options","code":"INVALID_OPTION","in":"dealstage",
                 "subCategory":"crm.properties.INVALID_OPTION","context":{"propertyName":["dealstage"]}}],
               "links":{"knowledge-base":"https://www.hubspot.com/products/service/knowledge-base"}}],
             {{{Timestamps}}},
             "links":{"self":"https://api.hubapi.com/crm/v3/objects/0-3/batch/create"}}
            """));
        await using var services = Services(hubSpot);
        var writer = services.GetRequiredService<BatchWriter>();

        var results = await writer.CreateAsync(HubSpotObjectTypes.Deals,
        [
            new CreateInput(new Dictionary<string, string> { ["dealname"] = "Good" }),
            new CreateInput(new Dictionary<string, string> { ["dealname"] = "Bad", ["dealstage"] = "nowhere" }),
        ], keyProperty: null, CancellationToken.None);

        Assert.Equal("501", results[0].Id);
        var failure = results[1].Failure;
        Assert.NotNull(failure);
        Assert.Equal("VALIDATION_ERROR", failure.HubSpot?.Category);
        Assert.Contains("INVALID_OPTION", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Error (PublicApiSpecs/CRM/Contacts/Rollouts/424/v3/contacts.json) is every operation's default response: category,
    /// correlationId and message required, subCategory a string, errors[] of ErrorDetail. The spec's own Postman collection
    /// (…/v3/Collection Directory_Contacts/CRM - Contacts API Collection.json) fills a batch create error with subCategory
    /// as an object in the errors[] items, and StandardError types it as an object: the body is read whole either way.
    /// </summary>
    [Theory]
    [InlineData("\"crm.properties.READ_ONLY\"", "\"crm.properties.READ_ONLY\"")]
    [InlineData("{}", "{}")]
    public async Task A_whole_request_error_keeps_its_category_and_correlation_id_whatever_its_subCategory(string subCategory, string detailSubCategory)
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.BadRequest, $$$"""
            {"status":"error","message":"Property values were not valid: [{\"isValid\":false,\"message\":\"\\\"createdate\\\" is a read only property; its value cannot be set.\",\"error\":\"READ_ONLY_VALUE\",\"name\":\"createdate\"}]",
             "correlationId":"aeb5f871-7f07-4993-9211-075dc63e7cbf","category":"VALIDATION_ERROR","subCategory":{{{subCategory}}},
             "context":{"invalidPropertyName":["createdate"]},
             "errors":[{"message":"\"createdate\" is a read only property; its value cannot be set.","code":"READ_ONLY_VALUE","in":"createdate",
               "subCategory":{{{detailSubCategory}}},"context":{"propertyName":["createdate"]}}],
             "links":{"knowledge-base":"https://www.hubspot.com/products/service/knowledge-base"}}
            """));
        await using var services = Services(hubSpot);
        var client = services.GetRequiredService<HubSpotClient>();

        var refused = await Assert.ThrowsAsync<HubSpotApiException>(() => client.BatchUpsertAsync(HubSpotObjectTypes.Contacts,
            [new UpsertInput("a@example.com", "email", new Dictionary<string, string> { ["createdate"] = "x" })], CancellationToken.None));

        Assert.Equal(400, refused.Status);
        Assert.Equal("VALIDATION_ERROR", refused.Category);
        Assert.Equal("aeb5f871-7f07-4993-9211-075dc63e7cbf", refused.CorrelationId);
        Assert.Equal("createdate", Assert.Single(PropertyValueErrors.Parse(refused.Body)).Name);
    }

    /// <summary>
    /// MultiAssociatedObjectWithLabel.toObjectId is a string in PublicApiSpecs/CRM/Associations/Rollouts/130902/v4/associations.json
    /// and an int32 in the older PublicApiSpecs/CRM/Associations/Rollouts/50914/v4/associations.json; a 207
    /// (BatchResponsePublicAssociationMultiWithLabelWithErrors) names the missing objects in StandardError items.
    /// </summary>
    [Theory]
    [InlineData("\"700\"")]
    [InlineData("700")]
    public async Task Association_reads_take_target_ids_as_strings_or_numbers_and_a_207_for_missing_objects(string toObjectId)
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.MultiStatus, $$$"""
            {"status":"COMPLETE",
             "results":[{"from":{"id":"100"},"to":[{"toObjectId":{{{toObjectId}}},"associationTypes":[
               {"category":"HUBSPOT_DEFINED","typeId":4,"label":null},{"category":"USER_DEFINED","typeId":12,"label":"Buyer"}]}]}],
             "numErrors":1,
             "errors":[{"status":"error","category":"OBJECT_NOT_FOUND","subCategory":{},
               "message":"Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.",
               "context":{"ids":["999"]},"errors":[],"links":{}}],
             {{{Timestamps}}}}
            """));
        await using var services = Services(hubSpot);
        var client = services.GetRequiredService<HubSpotClient>();

        var associations = await client.ReadAssociationsAsync(HubSpotObjectTypes.Contacts, HubSpotObjectTypes.Deals, ["100", "999"], CancellationToken.None);

        Assert.Equal(["700"], associations["100"]);
        Assert.Empty(associations["999"]);
    }

    /// <summary>BatchReadInputSimplePublicObjectId in PublicApiSpecs/CRM/Deals/Rollouts/424/v3/deals.json requires inputs, properties and propertiesWithHistory.</summary>
    [Fact]
    public async Task A_batch_read_sends_every_field_the_spec_requires_and_reads_a_207_for_missing_ids()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.MultiStatus, $$$"""
            {"status":"COMPLETE",
             "results":[{"id":"501","properties":{"dealname":"Found","hs_object_id":"501"},"createdAt":"2026-01-15T09:30:00.050Z",
               "updatedAt":"2026-01-15T09:30:00.050Z","archived":false}],
             "numErrors":1,
             "errors":[{"status":"error","category":"OBJECT_NOT_FOUND","subCategory":{},
               "message":"Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.",
               "context":{"ids":["502"]},"errors":[],"links":{}}],
             {{{Timestamps}}}}
            """));
        await using var services = Services(hubSpot);
        var client = services.GetRequiredService<HubSpotClient>();

        var read = await client.BatchReadAsync(HubSpotObjectTypes.Deals, ["501", "502"], ["dealname"], CancellationToken.None);

        Assert.Equal("Found", Assert.Single(read.Results).Property("dealname"));
        Assert.Equal(["502"], Assert.Single(read.Errors).ContextValues("ids"));
        using var body = JsonDocument.Parse(Assert.Single(hubSpot.Requests).Body);
        Assert.Equal(["501", "502"], body.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["dealname"], body.RootElement.GetProperty("properties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, body.RootElement.GetProperty("propertiesWithHistory").GetArrayLength());
    }

    /// <summary>SimplePublicObjectBatchInputForCreate in PublicApiSpecs/CRM/Contacts/Rollouts/424/v3/contacts.json requires properties and associations.</summary>
    [Fact]
    public async Task A_batch_create_sends_associations_even_when_there_are_none()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.Created, $$$"""
            {"status":"COMPLETE","results":[{"id":"1","properties":{"email":"a@example.com"},"createdAt":"2026-01-15T09:30:00.050Z",
              "updatedAt":"2026-01-15T09:30:00.050Z","archived":false}],{{{Timestamps}}}}
            """));
        await using var services = Services(hubSpot);
        var client = services.GetRequiredService<HubSpotClient>();

        await client.BatchCreateAsync(HubSpotObjectTypes.Contacts, [new CreateInput(new Dictionary<string, string> { ["email"] = "a@example.com" })], CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(hubSpot.Requests).Body);
        var input = Assert.Single(body.RootElement.GetProperty("inputs").EnumerateArray().ToList());
        Assert.Equal("a@example.com", input.GetProperty("properties").GetProperty("email").GetString());
        Assert.Equal(0, input.GetProperty("associations").GetArrayLength());
    }

    /// <summary>
    /// PublicObjectSearchRequest in PublicApiSpecs/CRM/Contacts/Rollouts/424/v3/contacts.json (and deals.json, tickets.json)
    /// requires after, filterGroups, limit, properties and sorts; the page of new objects sends them on every search.
    /// </summary>
    [Fact]
    public async Task Reading_new_objects_sends_every_field_the_search_and_batch_read_specs_require()
    {
        var hubSpot = new ScriptedHubSpot
        {
            Route = path => path switch
            {
                "/crm/v3/objects/contacts/search" => ScriptedHubSpot.Json(HttpStatusCode.OK, """
                    {"total":1,"results":[{"id":"100","properties":{"email":"a@example.com","createdate":"2026-01-15T09:30:00.000Z"},
                      "createdAt":"2026-01-15T09:30:00.000Z","updatedAt":"2026-01-15T09:30:00.000Z","archived":false}]}
                    """),
                "/crm/v3/objects/deals/search" or "/crm/v3/objects/tickets/search" or "/crm/v3/objects/companies/search" =>
                    ScriptedHubSpot.Json(HttpStatusCode.OK, """{"total":0,"results":[]}"""),
                "/crm/v4/associations/contacts/deals/batch/read" => ScriptedHubSpot.Json(HttpStatusCode.OK, $$$"""
                    {"status":"COMPLETE","results":[{"from":{"id":"100"},"to":[{"toObjectId":"700","associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":4,"label":null}]}]}],{{{Timestamps}}}}
                    """),
                "/crm/v3/objects/deals/batch/read" => ScriptedHubSpot.Json(HttpStatusCode.OK, $$$"""
                    {"status":"COMPLETE","results":[{"id":"700","properties":{"dealname":"Inn"},"createdAt":"2026-01-15T09:29:00.000Z",
                      "updatedAt":"2026-01-15T09:29:00.000Z","archived":false}],{{{Timestamps}}}}
                    """),
                _ => null,
            },
        };
        await using var services = Services(hubSpot);
        var reader = services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>();

        var page = await reader.ReadAsync(new GetNewObjects(DateTimeOffset.Parse("2026-01-15T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 10), CancellationToken.None);

        Assert.Equal("700", Assert.Single(Assert.Single(page.Contacts).Deals).Id);
        var searches = hubSpot.Requests.Where(r => r.Path.EndsWith("/search", StringComparison.Ordinal)).ToList();
        Assert.Equal(NewObjectType.All.Count, searches.Count);
        foreach (var (_, text) in searches)
        {
            using var search = JsonDocument.Parse(text);
            var root = search.RootElement;
            Assert.Equal("0", root.GetProperty("after").GetString());
            Assert.Equal(10, root.GetProperty("limit").GetInt32());
            Assert.NotEqual(0, root.GetProperty("properties").GetArrayLength());
            Assert.NotEqual(0, root.GetProperty("filterGroups").GetArrayLength());
            Assert.Equal(1, root.GetProperty("sorts").GetArrayLength());
        }
        using var dealRead = JsonDocument.Parse(hubSpot.Requests.Single(r => r.Path == "/crm/v3/objects/deals/batch/read").Body);
        Assert.Equal(0, dealRead.RootElement.GetProperty("propertiesWithHistory").GetArrayLength());
    }
}
