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
        Assert.Equal(3 * pages, stats.CallsMatching("/search"));
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

        await Assert.ThrowsAsync<ArgumentException>(() => reader.ReadAsync(new GetNewObjects(DateTimeOffset.UtcNow, 10, ContactsAfter: "not-a-cursor"), CancellationToken.None));
    }
}
