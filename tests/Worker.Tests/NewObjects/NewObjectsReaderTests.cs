using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.NewObjects;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.NewObjects;

public sealed class NewObjectsReaderTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<ServiceProvider> ServicesAsync()
    {
        await emulator.Control.ResetAsync();
        return WorkerServices.Build(emulator.BaseUrl, configure: s => s.AddScoped<NewObjectsReader>());
    }

    [Fact]
    public async Task Pages_past_the_10000_result_search_cap_with_a_constant_number_of_calls_per_page()
    {
        await using var services = await ServicesAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var hubSpot = services.GetRequiredService<HubSpotClient>();
        var inputs = Enumerable.Range(0, 10_050)
            .Select(i => new CreateInput(new Dictionary<string, string> { ["email"] = $"bulk-{i}-{Guid.NewGuid():N}@example.com" }))
            .ToList();
        var created = await hubSpot.BatchCreateAsync(HubSpotObjectTypes.Contacts, inputs, CancellationToken.None);
        Assert.Equal(10_050, created.Results.Count);
        var reader = services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>();

        await emulator.Control.ResetStatsAsync();
        var seen = new List<NewContact>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await reader.ReadAsync(new GetNewObjects(since, 100, ContactsAfter: after), CancellationToken.None);
            pages++;
            if (page.Contacts.Count == 0)
            {
                break;
            }
            seen.AddRange(page.Contacts);
            after = page.Paging.ContactsAfter;
        }
        var stats = await emulator.Control.StatsAsync();

        Assert.Equal(created.Results.Select(c => c.Id).Order(), seen.Select(c => c.Id).Order());
        Assert.Equal(seen.OrderBy(c => c.CreatedAt).ThenBy(c => long.Parse(c.Id, System.Globalization.CultureInfo.InvariantCulture)).Select(c => c.Id), seen.Select(c => c.Id));
        Assert.Equal(0, stats.CallsWithStatus(400));
        // A search per type on every page, one association read per page that had contacts, and no deal reads (none exist).
        Assert.Equal(NewObjectType.All.Count * pages, stats.CallsMatching("/search"));
        Assert.Equal(pages - 1, stats.CallsMatching("/crm/v4/associations/"));
    }

    [Fact]
    public async Task A_new_contact_comes_with_its_deals_and_each_type_pages_on_its_own_cursor()
    {
        await using var services = await ServicesAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var hubSpot = services.GetRequiredService<HubSpotClient>();
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var deals = await hubSpot.BatchCreateAsync(HubSpotObjectTypes.Deals,
        [
            new CreateInput(new Dictionary<string, string> { ["dealname"] = "First", ["dealstage"] = "closedwon" }, [AssociationInput.Default(contact, 3)]),
            new CreateInput(new Dictionary<string, string> { ["dealname"] = "Second", ["dealstage"] = "closedwon" }, [AssociationInput.Default(contact, 3)]),
        ], CancellationToken.None);
        var reader = services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>();

        var first = await reader.ReadAsync(new GetNewObjects(since, 1), CancellationToken.None);
        var second = await reader.ReadAsync(new GetNewObjects(since, 1, first.Paging.ContactsAfter, first.Paging.DealsAfter, first.Paging.TicketsAfter), CancellationToken.None);

        var newContact = Assert.Single(first.Contacts);
        Assert.Equal(contact, newContact.Id);
        Assert.Equal(deals.Results.Select(d => d.Id).Order(), newContact.Deals.Select(d => d.Id).Order());
        Assert.Equal("First", Assert.Single(first.Deals).Properties["dealname"]);
        Assert.Empty(second.Contacts);
        Assert.Equal(first.Paging.ContactsAfter, second.Paging.ContactsAfter);
        Assert.Equal("Second", Assert.Single(second.Deals).Properties["dealname"]);
    }

    [Fact]
    public async Task A_cursor_this_service_did_not_issue_is_refused()
    {
        await using var services = await ServicesAsync();
        var reader = services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>();

        var refused = await Assert.ThrowsAsync<NewObjectsRejectedException>(() => reader.ReadAsync(new GetNewObjects(DateTimeOffset.UtcNow, 10, ContactsAfter: "not-a-cursor"), CancellationToken.None));

        Assert.Equal(NewObjectsRejected.InvalidCursor, refused.Rejection.Reason);
        Assert.Equal("contactsAfter is not a contacts cursor this service issued", refused.Rejection.Message);
    }

    [Fact]
    public async Task A_type_s_cursor_given_for_another_type_is_refused_and_the_combined_one_serves_any_type()
    {
        await using var services = await ServicesAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await EmulatorSeed.ContactsAsync(services, 2);
        var reader = services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>();
        var first = await reader.ReadAsync(new GetNewObjects(since, 1), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<NewObjectsRejectedException>(() =>
            reader.ReadAsync(new GetNewObjects(since, 1, DealsAfter: first.Paging.ContactsAfter), CancellationToken.None));
        var byCombined = await reader.ReadAsync(new GetNewObjects(since, 1, ContactsAfter: first.Paging.After), CancellationToken.None);
        var byType = await reader.ReadAsync(new GetNewObjects(since, 1, ContactsAfter: first.Paging.ContactsAfter), CancellationToken.None);
        var combinedOnly = await reader.ReadAsync(new GetNewObjects(since, 1, After: first.Paging.After), CancellationToken.None);

        Assert.Equal(NewObjectsRejected.InvalidCursor, refused.Rejection.Reason);
        Assert.Equal("dealsAfter is not a deals cursor this service issued", refused.Rejection.Message);
        Assert.NotEqual(first.Contacts[0].Id, byType.Contacts[0].Id);
        Assert.Equal(byType.Contacts[0].Id, byCombined.Contacts[0].Id);
        Assert.Equal(byType.Contacts[0].Id, combinedOnly.Contacts[0].Id);
        Assert.Equal(byType.Paging, combinedOnly.Paging);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_limit_outside_1_to_100_is_refused_before_HubSpot_is_asked(int limit)
    {
        await using var services = await ServicesAsync();
        var reader = services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>();

        var refused = await Assert.ThrowsAsync<NewObjectsRejectedException>(() => reader.ReadAsync(new GetNewObjects(DateTimeOffset.UtcNow, limit), CancellationToken.None));

        Assert.Equal(NewObjectsRejected.InvalidLimit, refused.Rejection.Reason);
        Assert.Equal("must be between 1 and 100", refused.Rejection.Message);
        Assert.Equal(0, (await emulator.Control.StatsAsync()).CallsMatching("/crm/"));
    }
}
