namespace HubSpotCrm.EndToEnd.Tests.NewObjects;

/// <summary>GET /api/v1/hubspot/new-objects: a request/response over the bus to the Worker, which searches HubSpot.</summary>
[Collection(StackCollection.Name)]
public sealed class NewObjectsRouteTests(ServiceStack stack)
{
    [Fact]
    public async Task New_contacts_come_with_their_deals_and_new_deals_and_tickets_follow_with_constant_calls_per_page()
    {
        var since = Since();
        var contactId = await stack.CreateContactAsync();
        var dealIds = await stack.CreateDealsAsync(contactId, TestData.Unique("New deal"));
        var ticket = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/tickets",
            new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("New ticket")) } });
        var ticketId = ticket.GetProperty("result").GetProperty("tickets")[0].GetProperty("ticketId").GetString();

        // HubSpot's search sees new objects a few seconds late.
        var page = await Eventually.GetAsync(() => GetAsync($"since={Uri.EscapeDataString(since)}&limit=100"),
            p => Ids(p, "contacts").Contains(contactId) && Ids(p, "deals").Contains(dealIds[0]) && Ids(p, "tickets").Contains(ticketId),
            "the new objects to be searchable");
        await stack.EmulatorControl.ResetStatsAsync();
        var again = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=100");
        var stats = await stack.EmulatorControl.StatsAsync();

        var contact = page.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("id").GetString() == contactId);
        Assert.Equal(dealIds, contact.GetProperty("deals").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
        Assert.Equal(4, stats.CallsMatching("/search"));
        Assert.True(stats.TotalCalls <= 6, $"{stats.TotalCalls} HubSpot calls for one page: {stats}");
        Assert.Equal(Ids(page, "contacts"), Ids(again, "contacts"));
    }

    [Fact]
    public async Task The_combined_cursor_and_the_per_type_cursors_page_onwards()
    {
        var since = Since();
        var first = await stack.CreateContactAsync();
        var second = await stack.CreateContactAsync();
        await Eventually.GetAsync(() => GetAsync($"since={Uri.EscapeDataString(since)}&limit=100"),
            p => Ids(p, "contacts").Contains(first) && Ids(p, "contacts").Contains(second), "both contacts to be searchable");

        var page1 = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=1");
        var after = page1.GetProperty("paging").GetProperty("after").GetString();
        var page2 = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=1&after={Uri.EscapeDataString(after!)}");
        var contactsAfter = page1.GetProperty("paging").GetProperty("contactsAfter").GetString();
        var page2ByType = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=1&contactsAfter={Uri.EscapeDataString(contactsAfter!)}");

        Assert.NotEqual(Ids(page1, "contacts"), Ids(page2, "contacts"));
        Assert.Equal(Ids(page2, "contacts"), Ids(page2ByType, "contacts"));
    }

    [Fact]
    public async Task A_combined_cursor_given_as_a_per_type_cursor_pages_that_type()
    {
        var since = Since();
        var first = await stack.CreateContactAsync();
        var second = await stack.CreateContactAsync();
        await Eventually.GetAsync(() => GetAsync($"since={Uri.EscapeDataString(since)}&limit=100"),
            p => Ids(p, "contacts").Contains(first) && Ids(p, "contacts").Contains(second), "both contacts to be searchable");

        var page1 = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=1");
        var after = page1.GetProperty("paging").GetProperty("after").GetString();
        var contactsAfter = page1.GetProperty("paging").GetProperty("contactsAfter").GetString();
        var byCombined = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=1&contactsAfter={Uri.EscapeDataString(after!)}");
        var byType = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=1&contactsAfter={Uri.EscapeDataString(contactsAfter!)}");

        Assert.NotEqual(Ids(page1, "contacts"), Ids(byCombined, "contacts"));
        Assert.Equal(Ids(byType, "contacts"), Ids(byCombined, "contacts"));
    }

    [Theory]
    [InlineData("after=")]
    [InlineData("contactsAfter=")]
    [InlineData("after=&dealsAfter=&ticketsAfter=")]
    public async Task An_empty_cursor_is_no_cursor(string cursors)
    {
        var since = Since();
        var contact = await stack.CreateContactAsync();
        var fromSince = await Eventually.GetAsync(() => GetAsync($"since={Uri.EscapeDataString(since)}&limit=100"),
            p => Ids(p, "contacts").Contains(contact), "the contact to be searchable");

        var page = await GetAsync($"since={Uri.EscapeDataString(since)}&limit=100&{cursors}");

        Assert.Equal(Ids(fromSince, "contacts"), Ids(page, "contacts"));
        Assert.Equal(fromSince.GetProperty("paging").ToString(), page.GetProperty("paging").ToString());
    }

    [Fact]
    public async Task A_cursor_of_one_type_given_for_another_type_is_422_naming_the_cursor()
    {
        var since = Since();
        var contact = await stack.CreateContactAsync();
        var page = await Eventually.GetAsync(() => GetAsync($"since={Uri.EscapeDataString(since)}&limit=100"),
            p => Ids(p, "contacts").Contains(contact), "the contact to be searchable");
        var contactsAfter = page.GetProperty("paging").GetProperty("contactsAfter").GetString();

        using var response = await stack.ApiClient.Http.GetAsync(
            $"/api/v1/hubspot/new-objects?since={Uri.EscapeDataString(since)}&dealsAfter={Uri.EscapeDataString(contactsAfter!)}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("after", out _), text);
    }

    [Fact]
    public async Task HubSpot_refusing_a_read_is_503_with_Retry_After_and_HubSpot_s_reason()
    {
        await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = new[] { new { path = "crm/v3/objects/tickets/search", status = 403 } } } });
        try
        {
            using var response = await stack.ApiClient.Http.GetAsync("/api/v1/hubspot/new-objects?since=2026-01-01T00:00:00Z&limit=1");

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, text);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal("HubSpot cannot be read right now", problem.GetProperty("title").GetString());
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains("The Worker could not read HubSpot: ", detail, StringComparison.Ordinal);
            Assert.Contains("crm/v3/objects/tickets/search with 403 MISSING_SCOPES", detail, StringComparison.Ordinal);
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });
        }
    }

    [Theory]
    [InlineData("limit=10", "since")]
    [InlineData("since=yesterday", "since")]
    [InlineData("since=2026-01-01T00:00:00Z&limit=0", "limit")]
    [InlineData("since=2026-01-01T00:00:00Z&limit=101", "limit")]
    [InlineData("since=2026-01-01T00:00:00Z&after=not-a-cursor", "after")]
    [InlineData("since=2026-01-01T00:00:00Z&contactsAfter=bm90LWEtY3Vyc29y", "after")]
    public async Task Bad_parameters_are_422_naming_the_parameter(string query, string parameter)
    {
        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/hubspot/new-objects?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    /// <summary>
    /// Now: every object the test creates is created after it and no other test's, so a first page of 100 holds the
    /// test's own. A second earlier, it could be full of the contacts a bulk test had just written 100 to a call.
    /// </summary>
    internal static string Since() => DateTimeOffset.UtcNow.ToString("O");

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/hubspot/new-objects?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<string?> Ids(JsonElement page, string type) =>
        [.. page.GetProperty(type).EnumerateArray().Select(o => o.GetProperty("id").GetString())];
}
