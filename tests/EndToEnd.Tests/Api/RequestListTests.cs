using System.Globalization;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>GET /api/v1/requests: operators list requests newest first, filter them and page through them.</summary>
[Collection(StackCollection.Name)]
public sealed class RequestListTests(ServiceStack stack)
{
    [Fact]
    public async Task Pages_follow_each_other_newest_first_with_no_request_twice_until_next_is_null()
    {
        var since = Since();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact()));
        }

        var pages = await AllPagesAsync($"since={since}&limit=2");

        Assert.All(pages[..^1], page => Assert.Equal(2, page.Items.Count));
        Assert.InRange(pages[^1].Items.Count, 1, 2);
        Assert.Null(pages[^1].Next);
        var listed = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(listed.Count, listed.Select(i => i.RequestId()).Distinct().Count());
        var createdTimes = listed.Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(createdTimes.OrderDescending(), createdTimes);
        var mine = listed.Select(i => i.RequestId()).Where(created.Contains).ToList();
        Assert.Equal(Enumerable.Reverse(created), mine);
    }

    [Fact]
    public async Task Filters_by_status_and_kind_and_items_look_like_GET_status()
    {
        var since = Since();
        var contact = await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact());
        var failedDeals = await stack.ApiClient.SubmitAsync(ApiCalls.Deals,
            new { contactId = "999999996", deals = new[] { TestData.Deal(TestData.Unique("Orphan")) } });
        await stack.ApiClient.WaitForFinalAsync(contact);
        var failed = await stack.ApiClient.WaitForFinalAsync(failedDeals);

        var failedItems = (await AllPagesAsync($"since={since}&status=failed")).SelectMany(p => p.Items).ToList();
        var contactItems = (await AllPagesAsync($"since={since}&kind=contact")).SelectMany(p => p.Items).ToList();
        var failedContacts = (await AllPagesAsync($"since={since}&kind=contact&status=failed")).SelectMany(p => p.Items).ToList();

        Assert.All(failedItems, i => Assert.Equal("failed", i.Status()));
        Assert.Contains(failedItems, i => i.RequestId() == failedDeals);
        Assert.DoesNotContain(failedItems, i => i.RequestId() == contact);
        Assert.All(contactItems, i => Assert.Equal("contact", i.GetProperty("kind").GetString()));
        Assert.Contains(contactItems, i => i.RequestId() == contact);
        Assert.DoesNotContain(failedContacts, i => i.RequestId() == contact || i.RequestId() == failedDeals);
        Assert.Equal(failed.GetRawText(), failedItems.Single(i => i.RequestId() == failedDeals).GetRawText());
    }

    [Fact]
    public async Task Since_in_the_future_lists_nothing()
    {
        var page = await PageAsync($"since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture))}");

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_at_most_50()
    {
        await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact());

        var page = await PageAsync("");

        Assert.InRange(page.Items.Count, 1, 50);
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("status=ACCEPTED", "status")]
    [InlineData("kind=contacts", "kind")]
    [InlineData("since=yesterday", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task A_bad_parameter_is_422_naming_it(string query, string parameter)
    {
        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/requests?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task The_largest_page_is_500()
    {
        using var response = await stack.ApiClient.Http.GetAsync("/api/v1/requests?limit=500");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Since() => Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));

    private async Task<List<Page>> AllPagesAsync(string query)
    {
        var pages = new List<Page>();
        string? after = null;
        do
        {
            var page = await PageAsync(after is null ? query : $"{query}&after={Uri.EscapeDataString(after)}");
            pages.Add(page);
            after = page.Next;
            Assert.True(pages.Count < 100, "paging does not end");
        }
        while (after is not null);
        return pages;
    }

    private async Task<Page> PageAsync(string query)
    {
        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/requests?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var next = body.GetProperty("next");
        return new Page([.. body.GetProperty("items").EnumerateArray()], next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    private sealed record Page(IReadOnlyList<JsonElement> Items, string? Next);
}
