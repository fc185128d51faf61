using System.Net.Http.Json;

namespace HubSpotCrm.EndToEnd.Tests.Submissions;

/// <summary>POST /api/v1/hubspot/companies: one company per normalized domain, however the domain is written, and its contacts linked once.</summary>
[Collection(StackCollection.Name)]
public sealed class CompanySubmissionTests(ServiceStack stack)
{
    private const string Companies = "/api/v1/hubspot/companies";

    private static string Domain() => $"c{Guid.NewGuid():N}.example.com";

    [Fact]
    public async Task A_company_is_created_with_its_normalized_domain_name_and_properties()
    {
        var domain = Domain();

        var status = await stack.ApiClient.SubmitAndWaitAsync(Companies,
            new { domain = $"https://www.{domain.ToUpperInvariant()}/about?ref=ad", name = "Analytical Engines", city = "London", industry = "COMPUTER_SOFTWARE" });

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("companies", status.GetProperty("kind").GetString());
        var result = status.GetProperty("result");
        Assert.True(result.GetProperty("created").GetBoolean());
        Assert.Equal(domain, result.GetProperty("domain").GetString());
        Assert.Empty(result.GetProperty("contactIds").EnumerateArray());
        var company = await stack.EmulatedAsync("companies", result.GetProperty("companyId").GetString()!);
        Assert.Equal(domain, company.Property("domain"));
        Assert.Equal("Analytical Engines", company.Property("name"));
        Assert.Equal("London", company.Property("city"));
        Assert.Equal("COMPUTER_SOFTWARE", company.Property("industry"));
        Assert.Equal(domain, company.Property("crm_service_company_key"));
    }

    [Fact]
    public async Task The_same_domain_in_another_form_updates_the_same_company()
    {
        var domain = Domain();

        var first = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain, name = "Old name", city = "Paris" });
        var second = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain = $"HTTP://WWW.{domain.ToUpperInvariant()}.:8080/contact", name = "New name" });

        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.True(first.GetProperty("result").GetProperty("created").GetBoolean());
        Assert.False(second.GetProperty("result").GetProperty("created").GetBoolean());
        Assert.Equal(first.GetProperty("result").GetProperty("companyId").GetString(), second.GetProperty("result").GetProperty("companyId").GetString());
        var company = Assert.Single(await stack.EmulatorControl.ObjectsAsync("companies"), c => c.Property("domain") == domain);
        Assert.Equal("New name", company.Property("name"));
        Assert.Equal("Paris", company.Property("city"));
    }

    [Fact]
    public async Task Contacts_are_linked_unlabelled_by_default_and_keep_their_primary_company()
    {
        var contactId = await stack.CreateContactAsync();
        var primary = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain = Domain(), contactIds = new[] { contactId }, primaryCompany = true });
        var primaryId = primary.GetProperty("result").GetProperty("companyId").GetString()!;

        var status = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain = Domain(), contactIds = new[] { contactId } });

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        var companyId = status.GetProperty("result").GetProperty("companyId").GetString()!;
        Assert.Equal([contactId], status.GetProperty("result").GetProperty("contactIds").EnumerateArray().Select(c => c.GetString()));
        var company = await stack.EmulatedAsync("companies", companyId);
        var link = Assert.Single(company.AssociationTypes("contacts"));
        Assert.Equal(contactId, link.Id);
        Assert.Equal([280], link.TypeIds);
        var contact = await stack.EmulatedAsync("contacts", contactId);
        var links = contact.AssociationTypes("companies").ToDictionary(a => a.Id, a => a.TypeIds);
        Assert.Equal([279], links[companyId]);
        Assert.Equal([1, 279], links[primaryId]);
    }

    [Fact]
    public async Task With_primaryCompany_the_company_becomes_the_primary_company_of_its_contacts_and_the_label_moves()
    {
        var contacts = new[] { await stack.CreateContactAsync(), await stack.CreateContactAsync() };
        var earlier = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain = Domain(), contactIds = new[] { contacts[0] }, primaryCompany = true });
        var earlierId = earlier.GetProperty("result").GetProperty("companyId").GetString()!;

        var status = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain = Domain(), contactIds = contacts, primaryCompany = true });

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        var companyId = status.GetProperty("result").GetProperty("companyId").GetString()!;
        var company = await stack.EmulatedAsync("companies", companyId);
        Assert.Equal(contacts.Order(), company.AssociationTypes("contacts").Select(a => a.Id).Order());
        Assert.All(company.AssociationTypes("contacts"), a => Assert.Equal([2, 280], a.TypeIds));
        var first = (await stack.EmulatedAsync("contacts", contacts[0])).AssociationTypes("companies").ToDictionary(a => a.Id, a => a.TypeIds);
        Assert.Equal([1, 279], first[companyId]);
        Assert.Equal([279], first[earlierId]);
    }

    [Fact]
    public async Task The_same_request_again_is_one_company_with_one_link()
    {
        var contactId = await stack.CreateContactAsync();
        var domain = Domain();
        var body = new { domain, name = "Twice", contactIds = new[] { contactId, contactId } };

        var first = await stack.ApiClient.SubmitAndWaitAsync(Companies, body);
        var second = await stack.ApiClient.SubmitAndWaitAsync(Companies, body);

        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.False(second.GetProperty("result").GetProperty("created").GetBoolean());
        var companyId = first.GetProperty("result").GetProperty("companyId").GetString()!;
        Assert.Equal(companyId, second.GetProperty("result").GetProperty("companyId").GetString());
        var company = Assert.Single(await stack.EmulatorControl.ObjectsAsync("companies"), c => c.Property("domain") == domain);
        Assert.Equal([contactId], company.AssociationTypes("contacts").Select(a => a.Id));
        var contact = await stack.EmulatedAsync("contacts", contactId);
        Assert.Single(contact.AssociationTypes("companies"), a => a.Id == companyId);
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_answers_the_first_request_and_publishes_nothing()
    {
        var domain = Domain();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request() => new(HttpMethod.Post, Companies)
        {
            Content = JsonContent.Create(new { domain, name = "Keyed" }),
            Headers = { { "Idempotency-Key", key } },
        };

        using var firstResponse = await stack.ApiClient.Http.SendAsync(Request());
        var first = await firstResponse.Content.ReadFromJsonAsync<JsonElement>();
        await stack.ApiClient.WaitForFinalAsync(first.GetProperty("requestId").GetGuid());
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        using var secondResponse = await stack.ApiClient.Http.SendAsync(Request());
        var second = await secondResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(first.GetProperty("requestId").GetGuid(), second.GetProperty("requestId").GetGuid());
        Assert.Equal("true", secondResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(0u, await probe.CountAsync());
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("companies"), c => c.Property("domain") == domain);
    }

    [Fact]
    public async Task An_unknown_contact_fails_the_request_with_contact_not_found_and_writes_nothing()
    {
        var contactId = await stack.CreateContactAsync();
        var domain = Domain();

        var status = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain, name = "Orphan", contactIds = new[] { contactId, "999999999" } });

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("contact_not_found", status.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("999999999", status.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain(await stack.EmulatorControl.ObjectsAsync("companies"), c => c.Property("domain") == domain);
        Assert.Empty((await stack.EmulatedAsync("contacts", contactId)).AssociationTypes("companies"));
    }

    [Fact]
    public async Task A_property_HubSpot_refuses_fails_the_request_with_HubSpot_s_reason()
    {
        var status = await stack.ApiClient.SubmitAndWaitAsync(Companies, new { domain = Domain(), industry = "Technology" });

        Assert.Equal("failed", status.GetProperty("status").GetString());
        var error = status.GetProperty("error");
        Assert.Equal("hubspot_rejected", error.GetProperty("code").GetString());
        Assert.Contains("INVALID_OPTION", error.GetProperty("message").GetString());
        Assert.Equal("VALIDATION_ERROR", error.GetProperty("hubSpot").GetProperty("category").GetString());
    }
}
