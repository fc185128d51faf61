using System.Net;
using System.Text.Json;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

/// <summary>
/// Associations of companies with contacts, deals and tickets. Shapes: PublicApiSpecs/CRM/Associations/Rollouts/130902/v4/
/// associations.json (AssociationSpec, MultiAssociatedObjectWithLabel, LabelsBetweenObjectPair, PublicDefaultAssociation)
/// in HubSpot/HubSpot-public-api-spec-collection at 99893791383254f52aa07662baeb98aad65cc710. Type ids: HubSpot's Node
/// client, src/enums/AssociationTypes.ts (primaryContactToCompany 1, contactToCompany 279, …). HubSpot's associations
/// guide: "Primary: the main company that the other record is associated with … this API supports changing which company
/// is considered the primary"; "Unlabeled: an association type added when any … record is associated … always returned
/// in responses with a label value of null. When a record has a primary association …, those types will be listed
/// alongside the unlabeled association type."
/// </summary>
public sealed class CompanyAssociationTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private const string Primary = "Primary";

    private Task<HttpResponseMessage> PutAsync(string path) => Api.PutAsync(new Uri(path, UriKind.Relative), null);

    private Task<JsonElement> LabelAsync(string from, string fromId, string to, string toId, int typeId) =>
        Api.PutJsonAsync($"/crm/v4/objects/{from}/{fromId}/associations/{to}/{toId}", $$"""[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":{{typeId}}}]""")
            .ExpectAsync(HttpStatusCode.Created);

    /// <summary>Each associated object with its types, as GET /crm/v4/objects/{type}/{id}/associations/{toType} lists them.</summary>
    private async Task<List<(string To, string Types)>> ListAsync(string from, string id, string to)
    {
        var body = await Api.GetAsync($"/crm/v4/objects/{from}/{id}/associations/{to}").ExpectAsync(HttpStatusCode.OK);
        return [.. body.GetProperty("results").EnumerateArray().Select(r => (r.Str("toObjectId"), Types(r.GetProperty("associationTypes"))))];
    }

    /// <summary>associationTypes as text, e.g. "1 Primary, 279" (the label, when not null, after each type id).</summary>
    private static string Types(JsonElement associationTypes) => string.Join(", ", associationTypes.EnumerateArray().Select(t =>
    {
        Assert.Equal("HUBSPOT_DEFINED", t.Str("category"));
        return t.GetProperty("label").GetString() is { } label ? $"{t.GetProperty("typeId").GetInt32()} {label}" : $"{t.GetProperty("typeId").GetInt32()}";
    }));

    private async Task<Dictionary<string, string>> IdsAsync() => new()
    {
        ["contacts"] = await Api.CreateContactAsync("lorelai@thedragonfly.com"),
        ["deals"] = await Api.CreateDealAsync(),
        ["tickets"] = await Api.CreateTicketAsync(),
        ["companies"] = await Api.CreateCompanyAsync("Dragonfly Inn"),
    };

    [Theory]
    [InlineData("contacts", "companies", 279, 280)]
    [InlineData("companies", "contacts", 280, 279)]
    [InlineData("deals", "companies", 341, 342)]
    [InlineData("companies", "deals", 342, 341)]
    [InlineData("tickets", "companies", 339, 340)]
    [InlineData("companies", "tickets", 340, 339)]
    public async Task The_default_association_is_the_unlabelled_one_in_both_directions(string from, string to, int forward, int reverse)
    {
        var ids = await IdsAsync();

        var body = await PutAsync($"/crm/v4/objects/{from}/{ids[from]}/associations/default/{to}/{ids[to]}").ExpectAsync(HttpStatusCode.OK);

        var results = body.GetProperty("results");
        Assert.Equal((ids[from], ids[to]), (results[0].GetProperty("from").Str("id"), results[0].GetProperty("to").Str("id")));
        Assert.Equal(forward, results[0].GetProperty("associationSpec").GetProperty("associationTypeId").GetInt32());
        Assert.Equal(reverse, results[1].GetProperty("associationSpec").GetProperty("associationTypeId").GetInt32());
        var forwardList = Assert.Single(await ListAsync(from, ids[from], to));
        Assert.Equal((ids[to], $"{forward}"), (forwardList.To, forwardList.Types));
        var reverseList = Assert.Single(await ListAsync(to, ids[to], from));
        Assert.Equal((ids[from], $"{reverse}"), (reverseList.To, reverseList.Types));
    }

    [Theory]
    [InlineData("contacts", "companies", 1, 279, 2, 280)]
    [InlineData("companies", "contacts", 2, 280, 1, 279)]
    [InlineData("deals", "companies", 5, 341, 6, 342)]
    [InlineData("companies", "deals", 6, 342, 5, 341)]
    [InlineData("tickets", "companies", 26, 339, 25, 340)]
    [InlineData("companies", "tickets", 25, 340, 26, 339)]
    public async Task A_primary_association_is_listed_with_its_label_alongside_the_unlabelled_one_in_both_directions(
        string from, string to, int primary, int unlabelled, int reversePrimary, int reverseUnlabelled)
    {
        var ids = await IdsAsync();

        var body = await LabelAsync(from, ids[from], to, ids[to], primary);

        Assert.Equal(["fromObjectTypeId", "fromObjectId", "toObjectTypeId", "toObjectId", "labels"], body.Names());
        Assert.Equal([Primary], body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal($"{primary} Primary, {unlabelled}", Assert.Single(await ListAsync(from, ids[from], to)).Types);
        Assert.Equal($"{reversePrimary} Primary, {reverseUnlabelled}", Assert.Single(await ListAsync(to, ids[to], from)).Types);
    }

    [Fact]
    public async Task A_contact_has_one_primary_company_and_making_another_company_primary_moves_the_label()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var diner = await Api.CreateCompanyAsync("Luke's Diner");

        await LabelAsync("contacts", contact, "companies", inn, 1);
        await LabelAsync("contacts", contact, "companies", diner, 1);

        Assert.Equal([(inn, "279"), (diner, "1 Primary, 279")], await ListAsync("contacts", contact, "companies"));
        Assert.Equal("280", Assert.Single(await ListAsync("companies", inn, "contacts")).Types);
        Assert.Equal("2 Primary, 280", Assert.Single(await ListAsync("companies", diner, "contacts")).Types);

        // From the company's side (type 2) the label moves back.
        await LabelAsync("companies", inn, "contacts", contact, 2);

        Assert.Equal([(inn, "1 Primary, 279"), (diner, "279")], await ListAsync("contacts", contact, "companies"));
    }

    [Fact]
    public async Task A_deal_and_a_ticket_also_have_one_primary_company_each_while_a_company_is_primary_for_many()
    {
        var deal = await Api.CreateDealAsync();
        var ticket = await Api.CreateTicketAsync();
        var first = await Api.CreateContactAsync("a@example.com");
        var second = await Api.CreateContactAsync("b@example.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var diner = await Api.CreateCompanyAsync("Luke's Diner");

        await LabelAsync("deals", deal, "companies", inn, 5);
        await LabelAsync("deals", deal, "companies", diner, 5);
        await LabelAsync("tickets", ticket, "companies", inn, 26);
        await LabelAsync("tickets", ticket, "companies", diner, 26);
        await LabelAsync("contacts", first, "companies", inn, 1);
        await LabelAsync("contacts", second, "companies", inn, 1);

        Assert.Equal([(inn, "341"), (diner, "5 Primary, 341")], await ListAsync("deals", deal, "companies"));
        Assert.Equal([(inn, "339"), (diner, "26 Primary, 339")], await ListAsync("tickets", ticket, "companies"));
        Assert.Equal([(first, "2 Primary, 280"), (second, "2 Primary, 280")], await ListAsync("companies", inn, "contacts"));
    }

    [Fact]
    public async Task Associating_the_same_pair_again_is_still_one_association_and_never_takes_a_label_away()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");

        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/companies/{inn}").ExpectAsync(HttpStatusCode.OK);
        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/companies/{inn}").ExpectAsync(HttpStatusCode.OK);
        await Api.PostJsonAsync("/crm/v4/associations/companies/contacts/batch/create", $$"""
            {"inputs":[
              {"from":{"id":"{{inn}}"},"to":{"id":"{{contact}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":280}]},
              {"from":{"id":"{{inn}}"},"to":{"id":"{{contact}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":280}]}]}
            """).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([(inn, "279")], await ListAsync("contacts", contact, "companies"));

        await LabelAsync("contacts", contact, "companies", inn, 1);
        await LabelAsync("contacts", contact, "companies", inn, 1);
        var unlabelled = await LabelAsync("contacts", contact, "companies", inn, 279);
        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/companies/{inn}").ExpectAsync(HttpStatusCode.OK);
        var byDefault = await Api.PostJsonAsync("/crm/v4/associations/companies/contacts/batch/associate/default", $$$"""
            {"inputs":[{"from":{"id":"{{{inn}}}"},"to":{"id":"{{{contact}}}"}}]}
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([280, 279], byDefault.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("associationSpec").GetProperty("associationTypeId").GetInt32()));

        Assert.Equal([Primary], unlabelled.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([(inn, "1 Primary, 279")], await ListAsync("contacts", contact, "companies"));
        var rows = (await Anonymous.GetAsync("/_emulator/associations").ExpectAsync(HttpStatusCode.OK)).GetProperty("results");
        Assert.Equal(
            [("contacts", 1), ("contacts", 279), ("companies", 2), ("companies", 280)],
            rows.EnumerateArray().Select(r => (r.Str("fromType"), r.GetProperty("typeId").GetInt32())).OrderBy(r => r.Item1 == "companies").ThenBy(r => r.Item2));
    }

    /// <summary>batch/labels/archive: "Batch delete specific association labels for objects. Deleting an unlabeled association will also delete all labeled associations between those two objects."</summary>
    [Fact]
    public async Task Archiving_the_primary_label_keeps_the_association_and_archiving_the_unlabelled_type_removes_it()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        await LabelAsync("contacts", contact, "companies", inn, 1);

        using var primaryGone = await Api.PostJsonAsync("/crm/v4/associations/contacts/companies/batch/labels/archive", $$"""
            {"inputs":[{"from":{"id":"{{contact}}"},"to":{"id":"{{inn}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}
            """);

        Assert.Equal(HttpStatusCode.NoContent, primaryGone.StatusCode);
        Assert.Equal([(inn, "279")], await ListAsync("contacts", contact, "companies"));
        Assert.Equal([(contact, "280")], await ListAsync("companies", inn, "contacts"));

        await LabelAsync("contacts", contact, "companies", inn, 1);
        using var allGone = await Api.PostJsonAsync("/crm/v4/associations/companies/contacts/batch/labels/archive", $$"""
            {"inputs":[{"from":{"id":"{{inn}}"},"to":{"id":"{{contact}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":280}]}]}
            """);

        Assert.Equal(HttpStatusCode.NoContent, allGone.StatusCode);
        Assert.Empty(await ListAsync("contacts", contact, "companies"));
        await Api.PostJsonAsync("/crm/v4/associations/contacts/companies/batch/labels/archive", $$"""
            {"inputs":[{"from":{"id":"{{contact}}"},"to":{"id":"{{inn}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":4}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>The Worker's way: one batch/create links many contacts to a company, each as primary (2) or unlabelled (280).</summary>
    [Fact]
    public async Task A_batch_create_links_many_contacts_to_a_company_as_primary_or_unlabelled_and_reports_missing_ones_per_input()
    {
        var employee = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var advisor = await Api.CreateContactAsync("richard@gilmore.example");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var former = await Api.CreateCompanyAsync("Independence Inn");
        await LabelAsync("contacts", employee, "companies", former, 1);

        var body = await Api.PostJsonAsync("/crm/v4/associations/companies/contacts/batch/create", $$"""
            {"inputs":[
              {"from":{"id":"{{inn}}"},"to":{"id":"{{employee}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":2}]},
              {"from":{"id":"{{inn}}"},"to":{"id":"{{advisor}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":280}]},
              {"from":{"id":"{{inn}}"},"to":{"id":"100000999"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":280}]}]}
            """).ExpectAsync(HttpStatusCode.MultiStatus);

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(
            [("0-2", inn, "0-1", employee, Primary), ("0-2", inn, "0-1", advisor, null)],
            results.Select(r => (r.Str("fromObjectTypeId"), r.Str("fromObjectId"), r.Str("toObjectTypeId"), r.Str("toObjectId"), r.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).SingleOrDefault())));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(("OBJECT_NOT_FOUND", "100000999"), (error.Str("category"), error.GetProperty("context").GetProperty("ids")[0].GetString()));
        Assert.Equal([(inn, "1 Primary, 279"), (former, "279")], (await ListAsync("contacts", employee, "companies")).OrderBy(t => t.To != inn));
        Assert.Equal([(inn, "279")], await ListAsync("contacts", advisor, "companies"));
    }

    [Theory]
    [InlineData("companies", "contacts", "HUBSPOT_DEFINED", 1)]
    [InlineData("contacts", "companies", "HUBSPOT_DEFINED", 2)]
    [InlineData("deals", "companies", "HUBSPOT_DEFINED", 1)]
    [InlineData("contacts", "companies", "USER_DEFINED", 1)]
    [InlineData("contacts", "companies", "HUBSPOT_DEFINED", 4)]
    public async Task A_type_id_or_category_that_does_not_fit_the_pair_fails_the_whole_batch(string from, string to, string category, int typeId)
    {
        var ids = await IdsAsync();

        await Api.PostJsonAsync($"/crm/v4/associations/{from}/{to}/batch/create", $$"""
            {"inputs":[{"from":{"id":"{{ids[from]}}"},"to":{"id":"{{ids[to]}}"},"types":[{"associationCategory":"{{category}}","associationTypeId":{{typeId}}}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
        await Api.PutJsonAsync($"/crm/v4/objects/{from}/{ids[from]}/associations/{to}/{ids[to]}", $$"""[{"associationCategory":"{{category}}","associationTypeId":{{typeId}}}]""")
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Empty(await ListAsync(from, ids[from], to));
    }

    [Fact]
    public async Task Missing_objects_and_company_to_company_pairs_are_refused()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var diner = await Api.CreateCompanyAsync("Luke's Diner");

        await PutAsync($"/crm/v4/objects/contacts/{contact}/associations/default/companies/400000999").ExpectAsync(HttpStatusCode.NotFound);
        await LabelAsync("contacts", contact, "companies", inn, 1);
        await Api.PutJsonAsync($"/crm/v4/objects/companies/{inn}/associations/contacts/100000999", """[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":2}]""")
            .ExpectAsync(HttpStatusCode.NotFound);
        await PutAsync($"/crm/v4/objects/companies/{inn}/associations/default/companies/{diner}").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal([(inn, "1 Primary, 279")], await ListAsync("contacts", contact, "companies"));
    }

    [Fact]
    public async Task Inline_associations_on_create_set_primary_or_unlabelled_and_a_new_primary_company_takes_the_label()
    {
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var contact = await Api.CreateAsync("contacts", """{"email":"lorelai@thedragonfly.com"}""", $$"""
            [{"to":{"id":"{{inn}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]
            """);
        var deal = await Api.CreateAsync("deals", """{"dealname":"Renovation","dealstage":"appointmentscheduled"}""", $$"""
            [{"to":{"id":"{{inn}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":341}]}]
            """);
        Assert.Equal([(inn, "1 Primary, 279")], await ListAsync("contacts", contact, "companies"));
        Assert.Equal([(inn, "341")], await ListAsync("deals", deal, "companies"));

        var batch = await Api.PostJsonAsync("/crm/v3/objects/companies/batch/create", $$"""
            {"inputs":[{"properties":{"name":"Luke's Diner"},"associations":[
              {"to":{"id":"{{contact}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":2}]},
              {"to":{"id":"{{deal}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":342},{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":6}]}]}]}
            """).ExpectAsync(HttpStatusCode.Created);
        var diner = batch.Ids()[0];

        Assert.Equal([(inn, "279"), (diner, "1 Primary, 279")], await ListAsync("contacts", contact, "companies"));
        Assert.Equal([(inn, "341"), (diner, "5 Primary, 341")], await ListAsync("deals", deal, "companies"));
        await Api.PostJsonAsync("/crm/v3/objects/companies", """
            {"properties":{"name":"X"},"associations":[{"to":{"id":"100000999"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":280}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
        await Api.PostJsonAsync("/crm/v3/objects/companies", $$"""
            {"properties":{"name":"X"},"associations":[{"to":{"id":"{{contact}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, (await Anonymous.GetAsync("/_emulator/objects/companies").ExpectAsync(HttpStatusCode.OK)).GetProperty("results").GetArrayLength());
    }

    /// <summary>
    /// v3 names: a primary company is listed twice, as contact_to_company and contact_to_company_unlabeled (output captured from
    /// HubSpot in a public PowerShell module's documentation); v3 contact_to_company creates the primary association
    /// (HubSpot/hubspot-api-nodejs#176: "it always marks the newly associated company as the user's new primary company").
    /// </summary>
    [Fact]
    public async Task V3_names_tell_primary_from_unlabelled()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var diner = await Api.CreateCompanyAsync("Luke's Diner");

        var created = await Api.PostJsonAsync("/crm/v3/associations/contacts/companies/batch/create", $$"""
            {"inputs":[{"from":{"id":"{{contact}}"},"to":{"id":"{{inn}}"},"type":"contact_to_company"},{"from":{"id":"{{contact}}"},"to":{"id":"{{diner}}"},"type":"contact_to_company_unlabeled"}]}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(["contact_to_company", "contact_to_company_unlabeled"], created.GetProperty("results").EnumerateArray().Select(r => r.Str("type")));
        var read = await Api.GetAsync($"/crm/v3/objects/contacts/{contact}?associations=companies").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [(inn, "contact_to_company"), (inn, "contact_to_company_unlabeled"), (diner, "contact_to_company_unlabeled")],
            read.GetProperty("associations").GetProperty("companies").GetProperty("results").EnumerateArray().Select(r => (r.Str("id"), r.Str("type"))));
        var batchRead = await Api.PostJsonAsync("/crm/v3/associations/companies/contacts/batch/read", $$"""{"inputs":[{"id":"{{inn}}"}]}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [(contact, "company_to_contact"), (contact, "company_to_contact_unlabeled")],
            batchRead.GetProperty("results")[0].GetProperty("to").EnumerateArray().Select(r => (r.Str("id"), r.Str("type"))));
        await Api.PostJsonAsync("/crm/v3/associations/contacts/companies/batch/create", $$"""
            {"inputs":[{"from":{"id":"{{contact}}"},"to":{"id":"{{inn}}"},"type":"contact_to_deal"}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_v4_batch_read_lists_every_type_of_each_association()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        await LabelAsync("contacts", contact, "companies", inn, 1);

        var body = await Api.PostJsonAsync("/crm/v4/associations/contact/company/batch/read", $$"""{"inputs":[{"id":"{{contact}}"}]}""")
            .ExpectAsync(HttpStatusCode.OK);

        var to = Assert.Single(body.GetProperty("results")[0].GetProperty("to").EnumerateArray().ToList());
        Assert.Equal((inn, "1 Primary, 279"), (to.Str("toObjectId"), Types(to.GetProperty("associationTypes"))));
    }

    [Fact]
    public async Task Deleting_the_association_or_archiving_the_company_leaves_the_contact_without_a_primary_company()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var diner = await Api.CreateCompanyAsync("Luke's Diner");
        await LabelAsync("contacts", contact, "companies", inn, 1);
        await LabelAsync("contacts", contact, "companies", diner, 279);

        await Api.DeleteAsync($"/crm/v4/objects/companies/{inn}/associations/contacts/{contact}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal([(diner, "279")], await ListAsync("contacts", contact, "companies"));

        await LabelAsync("contacts", contact, "companies", diner, 1);
        await Api.DeleteAsync($"/crm/v3/objects/companies/{diner}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.Empty(await ListAsync("contacts", contact, "companies"));
    }

    [Fact]
    public async Task Search_filters_contacts_by_company_and_companies_by_contact()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var other = await Api.CreateContactAsync("luke@example.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        await Api.CreateCompanyAsync("Luke's Diner");
        await LabelAsync("contacts", contact, "companies", inn, 1);

        var contacts = await Api.SearchAsync("contacts", $$"""{"filterGroups":[{"filters":[{"propertyName":"associations.company","operator":"EQ","value":"{{inn}}"}]}]}""");
        var companies = await Api.SearchAsync("companies", $$"""{"filterGroups":[{"filters":[{"propertyName":"associations.contact","operator":"EQ","value":"{{contact}}"}]}]}""");

        Assert.Equal([contact], contacts.Ids());
        Assert.Equal([inn], companies.Ids());
        Assert.DoesNotContain(other, contacts.Ids());
    }

    [Fact]
    public async Task The_control_API_shows_every_type_of_each_association()
    {
        var contact = await Api.CreateContactAsync("lorelai@thedragonfly.com");
        var inn = await Api.CreateCompanyAsync("Dragonfly Inn");
        var diner = await Api.CreateCompanyAsync("Luke's Diner");
        await LabelAsync("contacts", contact, "companies", inn, 1);
        await LabelAsync("contacts", contact, "companies", diner, 279);

        var dump = (await Anonymous.GetAsync("/_emulator/objects/contacts").ExpectAsync(HttpStatusCode.OK)).GetProperty("results")[0];
        var links = dump.GetProperty("associations").GetProperty("companies").EnumerateArray().ToList();

        Assert.Equal(["id", "typeId", "typeIds"], links[0].Names());
        Assert.Equal(
            [(inn, 279, "1,279"), (diner, 279, "279")],
            links.Select(l => (l.Str("id"), l.GetProperty("typeId").GetInt32(), string.Join(',', l.GetProperty("typeIds").EnumerateArray().Select(t => t.GetInt32())))));
        var companyDump = (await Anonymous.GetAsync("/_emulator/objects/companies").ExpectAsync(HttpStatusCode.OK)).GetProperty("results")[0];
        Assert.Equal([2, 280], companyDump.GetProperty("associations").GetProperty("contacts")[0].GetProperty("typeIds").EnumerateArray().Select(t => t.GetInt32()));
    }
}
