namespace HubSpotCrm.EndToEnd.Tests.NewObjects;

/// <summary>New objects include companies, paging on their own cursor like the other types.</summary>
[Collection(StackCollection.Name)]
public sealed class NewCompaniesTests(ServiceStack stack)
{
    [Fact]
    public async Task New_companies_are_listed_with_their_domain_and_page_on_companiesAfter()
    {
        var since = Uri.EscapeDataString(NewObjectsRouteTests.Since());
        var ids = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/companies", new { domain = $"c{Guid.NewGuid():N}.example.com", name = "New" });
            ids.Add(status.GetProperty("result").GetProperty("companyId").GetString()!);
        }

        // HubSpot's search sees new objects a few seconds late.
        var page = await Eventually.GetAsync(() => GetAsync($"since={since}&limit=100"), p => ids.All(Ids(p).Contains), "the new companies to be searchable");
        var company = page.GetProperty("companies").EnumerateArray().Single(c => c.GetProperty("id").GetString() == ids[0]);
        Assert.Equal("New", company.GetProperty("properties").GetProperty("name").GetString());
        Assert.EndsWith(".example.com", company.GetProperty("properties").GetProperty("domain").GetString());

        var first = await GetAsync($"since={since}&limit=1");
        var companiesAfter = first.GetProperty("paging").GetProperty("companiesAfter").GetString()!;
        var next = await GetAsync($"since={since}&limit=1&companiesAfter={Uri.EscapeDataString(companiesAfter)}");
        var combined = await GetAsync($"since={since}&limit=1&after={Uri.EscapeDataString(first.GetProperty("paging").GetProperty("after").GetString()!)}");

        Assert.NotEqual(Ids(first), Ids(next));
        Assert.Equal(Ids(next), Ids(combined));
        using var wrongType = await stack.ApiClient.Http.GetAsync($"/api/v1/hubspot/new-objects?since={since}&limit=1&contactsAfter={Uri.EscapeDataString(companiesAfter)}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongType.StatusCode);
    }

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/hubspot/new-objects?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("companies").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
}
