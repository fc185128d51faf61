using System.Net;
using System.Text.Json;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class AssociationTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private Task<HttpResponseMessage> PutAsync(string path) => Api.PutAsync(new Uri(path, UriKind.Relative), null);

    private async Task<(string Contact, string Deal, string Ticket)> ObjectsAsync() =>
        (await Api.CreateContactAsync("a@example.com"), await Api.CreateDealAsync(), await Api.CreateTicketAsync());

    private static IEnumerable<(string To, int TypeId)> Targets(JsonElement results) =>
        results.EnumerateArray().Select(r => (r.Str("toObjectId"), r.GetProperty("associationTypes")[0].GetProperty("typeId").GetInt32()));

    [Theory]
    [InlineData("contacts", "deals", 4, 3)]
    [InlineData("deals", "contacts", 3, 4)]
    [InlineData("contacts", "tickets", 15, 16)]
    [InlineData("tickets", "contacts", 16, 15)]
    [InlineData("deals", "tickets", 27, 28)]
    [InlineData("tickets", "deals", 28, 27)]
    public async Task DefaultAssociationTypeIdsBothWays(string from, string to, int forward, int reverse)
    {
        var (contact, deal, ticket) = await ObjectsAsync();
        var ids = new Dictionary<string, string> { ["contacts"] = contact, ["deals"] = deal, ["tickets"] = ticket };

        var body = await PutAsync($"/crm/v4/objects/{from}/{ids[from]}/associations/default/{to}/{ids[to]}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("COMPLETE", body.Str("status"));
        var results = body.GetProperty("results");
        Assert.Equal(ids[from], results[0].GetProperty("from").Str("id"));
        Assert.Equal(ids[to], results[0].GetProperty("to").Str("id"));
        Assert.Equal("HUBSPOT_DEFINED", results[0].GetProperty("associationSpec").Str("associationCategory"));
        Assert.Equal(forward, results[0].GetProperty("associationSpec").GetProperty("associationTypeId").GetInt32());
        Assert.Equal(reverse, results[1].GetProperty("associationSpec").GetProperty("associationTypeId").GetInt32());

        var forwardList = await Api.GetAsync($"/crm/v4/objects/{from}/{ids[from]}/associations/{to}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([(ids[to], forward)], Targets(forwardList.GetProperty("results")));
        var reverseList = await Api.GetAsync($"/crm/v4/objects/{to}/{ids[to]}/associations/{from}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([(ids[from], reverse)], Targets(reverseList.GetProperty("results")));
    }

    [Fact]
    public async Task ListShapeAndPaging()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var deals = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            deals.Add(await Api.CreateDealAsync());
            await PutAsync($"/crm/v4/objects/contact/{contact}/associations/default/deal/{deals[^1]}").ExpectAsync(HttpStatusCode.OK);
        }

        var page = await Api.GetAsync($"/crm/v4/objects/0-1/{contact}/associations/0-3?limit=2").ExpectAsync(HttpStatusCode.OK);
        var item = page.GetProperty("results")[0];
        Assert.Equal(["toObjectId", "associationTypes"], item.Names());
        Assert.Equal(JsonValueKind.String, item.GetProperty("toObjectId").ValueKind);
        var type = item.GetProperty("associationTypes")[0];
        Assert.Equal(["category", "typeId", "label"], type.Names());
        Assert.Equal(JsonValueKind.Null, type.GetProperty("label").ValueKind);
        var after = page.GetProperty("paging").GetProperty("next").Str("after");
        var rest = await Api.GetAsync($"/crm/v4/objects/contacts/{contact}/associations/deals?after={after}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([deals[2]], rest.GetProperty("results").EnumerateArray().Select(r => r.Str("toObjectId")));
        await Api.GetAsync($"/crm/v4/objects/contacts/{contact}/associations/deals?limit=501").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LabelledPutChecksTheTypeId()
    {
        var (contact, deal, _) = await ObjectsAsync();

        var body = await Api.PutJsonAsync($"/crm/v4/objects/deals/{deal}/associations/contacts/{contact}", """[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]""")
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("0-3", body.Str("fromObjectTypeId"));
        Assert.Equal(deal, body.Str("fromObjectId"));
        Assert.Equal("0-1", body.Str("toObjectTypeId"));
        Assert.Equal(0, body.GetProperty("labels").GetArrayLength());
        await Api.PutJsonAsync($"/crm/v4/objects/deals/{deal}/associations/contacts/{contact}", """[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":4}]""")
            .ExpectAsync(HttpStatusCode.BadRequest);
        await Api.PutJsonAsync($"/crm/v4/objects/deals/{deal}/associations/contacts/{contact}", """[{"associationCategory":"USER_DEFINED","associationTypeId":3}]""")
            .ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MissingObjectsAndUnsupportedPairs()
    {
        var contact = await Api.CreateContactAsync("a@example.com");

        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/deals/200000999").ExpectAsync(HttpStatusCode.NotFound);
        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/contacts/{contact}").ExpectAsync(HttpStatusCode.BadRequest);
        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/companies/400000999").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteRemovesBothDirections()
    {
        var (contact, deal, _) = await ObjectsAsync();
        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/deals/{deal}").ExpectAsync(HttpStatusCode.OK);

        using var response = await Api.DeleteAsync($"/crm/v4/objects/deals/{deal}/associations/contacts/{contact}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var list = await Api.GetAsync($"/crm/v4/objects/contacts/{contact}/associations/deals").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task BatchAssociateReadAndArchive()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var lonely = await Api.CreateContactAsync("b@example.com");
        var deal1 = await Api.CreateDealAsync();
        var deal2 = await Api.CreateDealAsync();

        await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/associate/default", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":{"id":"{{{deal1}}}"}}]}
            """).ExpectAsync(HttpStatusCode.OK);
        var created = await Api.PostJsonAsync("/crm/v4/associations/contact/deal/batch/create", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":{"id":"{{{deal2}}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":4}]}]}
            """).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("0-1", created.GetProperty("results")[0].Str("fromObjectTypeId"));

        var read = await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", $$$"""
            {"inputs":[{"id":"{{{contact}}}"},{"id":"{{{lonely}}}"}]}
            """).ExpectAsync(HttpStatusCode.MultiStatus);
        var result = read.GetProperty("results").EnumerateArray().Single();
        Assert.Equal(["from", "to"], result.Names());
        Assert.Equal(contact, result.GetProperty("from").Str("id"));
        Assert.Equal([(deal1, 4), (deal2, 4)], Targets(result.GetProperty("to")));
        Assert.Equal([lonely], read.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("context").GetProperty("ids")[0].GetString()));

        using var archived = await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/archive", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":[{"id":"{{{deal1}}}"}]}]}
            """);
        Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
        var after = await Api.GetAsync($"/crm/v4/objects/deals/{deal1}/associations/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task BatchReadOfMissingObjectsIs207()
    {
        var body = await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", """{"inputs":[{"id":"100000999"}]}""")
            .ExpectAsync(HttpStatusCode.MultiStatus);

        Assert.Equal(1, body.GetProperty("numErrors").GetInt32());
        Assert.Equal("OBJECT_NOT_FOUND", body.GetProperty("errors")[0].Str("category"));
        Assert.Equal("100000999", body.GetProperty("errors")[0].GetProperty("context").GetProperty("ids")[0].GetString());
    }

    [Fact]
    public async Task BatchWithAWrongTypeIdFailsWhole()
    {
        var (contact, deal, _) = await ObjectsAsync();

        await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/create", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":{"id":"{{{deal}}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        var list = await Api.GetAsync($"/crm/v4/objects/contacts/{contact}/associations/deals").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task BatchReadAcceptsUpTo1000Inputs()
    {
        var inputs = string.Join(',', Enumerable.Range(0, 1000).Select(i => $$"""{"id":"{{100_000_001 + i}}"}"""));
        await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", $$"""{"inputs":[{{inputs}}]}""").ExpectAsync(HttpStatusCode.MultiStatus);

        var body = await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", $$"""{"inputs":[{{inputs}},{"id":"1"}]}""")
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
    }

    [Fact]
    public async Task V3BatchCreateAndReadUseTypeNames()
    {
        var (contact, deal, _) = await ObjectsAsync();

        var created = await Api.PostJsonAsync("/crm/v3/associations/contacts/deals/batch/create", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":{"id":"{{{deal}}}"},"type":"contact_to_deal"}]}
            """).ExpectAsync(HttpStatusCode.Created);
        var result = created.GetProperty("results")[0];
        Assert.Equal((contact, deal, "contact_to_deal"), (result.GetProperty("from").Str("id"), result.GetProperty("to").Str("id"), result.Str("type")));

        var read = await Api.PostJsonAsync("/crm/v3/associations/deals/contacts/batch/read", $$$"""{"inputs":[{"id":"{{{deal}}}"}]}""").ExpectAsync(HttpStatusCode.OK);
        var to = read.GetProperty("results")[0].GetProperty("to")[0];
        Assert.Equal((contact, "deal_to_contact"), (to.Str("id"), to.Str("type")));

        await Api.PostJsonAsync("/crm/v3/associations/contacts/deals/batch/create", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":{"id":"{{{deal}}}"},"type":"deal_to_contact"}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
        using var archived = await Api.PostJsonAsync("/crm/v3/associations/contacts/deals/batch/archive", $$$"""
            {"inputs":[{"from":{"id":"{{{contact}}}"},"to":{"id":"{{{deal}}}"},"type":"contact_to_deal"}]}
            """);
        Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
    }

    [Fact]
    public async Task InlineAssociationsOnCreateAndBatchCreate()
    {
        var contact = await Api.CreateContactAsync("a@example.com");

        var deal = await Api.CreateAsync("deals", """{"dealname":"D","dealstage":"closedwon"}""", $$$"""
            [{"to":{"id":"{{{contact}}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]
            """);
        var batch = await Api.PostJsonAsync("/crm/v3/objects/tickets/batch/create", $$$"""
            {"inputs":[{"properties":{"subject":"T","hs_pipeline_stage":"1"},"associations":[
              {"to":{"id":"{{{contact}}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":16}]},
              {"to":{"id":"{{{deal}}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":28}]}]}]}
            """).ExpectAsync(HttpStatusCode.Created);
        var ticket = batch.Ids()[0];

        var read = await Api.GetAsync($"/crm/v3/objects/contacts/{contact}?associations=deals,tickets,companies").ExpectAsync(HttpStatusCode.OK);
        var associations = read.GetProperty("associations");
        Assert.Equal(["deals", "tickets"], associations.Names());
        var dealLink = associations.GetProperty("deals").GetProperty("results")[0];
        Assert.Equal((deal, "contact_to_deal"), (dealLink.Str("id"), dealLink.Str("type")));
        Assert.Equal((ticket, "contact_to_ticket"), (associations.GetProperty("tickets").GetProperty("results")[0].Str("id"), associations.GetProperty("tickets").GetProperty("results")[0].Str("type")));
        var dealRead = await Api.GetAsync($"/crm/v3/objects/deals/{deal}?associations=tickets").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("deal_to_ticket", dealRead.GetProperty("associations").GetProperty("tickets").GetProperty("results")[0].Str("type"));
    }

    [Fact]
    public async Task InlineAssociationToAMissingObjectFailsTheCreate()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/deals", """
            {"properties":{"dealname":"D","dealstage":"closedwon"},"associations":[{"to":{"id":"100000999"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        await Api.PostJsonAsync("/crm/v3/objects/deals", """
            {"properties":{"dealname":"D","dealstage":"closedwon"},"associations":[{"to":{"id":"100000999"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":4}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
        var list = await Api.GetAsync("/crm/v3/objects/deals").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task ArchivingAnObjectDropsItsAssociations()
    {
        var (contact, deal, _) = await ObjectsAsync();
        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/deals/{deal}").ExpectAsync(HttpStatusCode.OK);

        await Api.DeleteAsync($"/crm/v3/objects/deals/{deal}").ExpectAsync(HttpStatusCode.NoContent);

        var list = await Api.GetAsync($"/crm/v4/objects/contacts/{contact}/associations/deals").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("results").GetArrayLength());
    }
}
