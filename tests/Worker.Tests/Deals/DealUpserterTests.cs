using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.Deals;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.Deals;

public sealed class DealUpserterTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<(DealUpserter Upserter, ServiceProvider Services)> UpserterAsync()
    {
        var services = WorkerServices.Build(emulator.BaseUrl, configure: s => s.AddScoped<ContactCheck>().AddScoped<DealUpserter>());
        await services.GetRequiredService<IdempotencyPropertyBootstrapper>().EnsureAsync(CancellationToken.None);
        return (services.CreateScope().ServiceProvider.GetRequiredService<DealUpserter>(), services);
    }

    private static ConsumeContext<UpsertDeals> Command(string contactId, params string[] dealnames) =>
        FakeConsumeContexts.Of(new UpsertDeals(Guid.NewGuid(), contactId, [.. dealnames.Select(n => new DealInput(n, 100m, "appointmentscheduled"))]));

    [Fact]
    public async Task Sixty_deals_of_thirty_commands_take_a_constant_number_of_calls_the_first_time_and_the_second()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contacts = await EmulatorSeed.ContactsAsync(services, 10);
        var commands = Enumerable.Range(0, 30).Select(i => Command(contacts[i % 10], $"Deal A {i}", $"Deal B {i}")).ToList();

        await emulator.Control.ResetStatsAsync();
        var first = await upserter.UpsertAsync(commands, CancellationToken.None);
        var created = await emulator.Control.StatsAsync();
        await emulator.Control.ResetStatsAsync();
        var again = commands.Select(c => Command(c.Message.ContactId, [.. c.Message.Deals.Select(d => d.Dealname)])).ToList();
        var second = await upserter.UpsertAsync(again, CancellationToken.None);
        var updated = await emulator.Control.StatsAsync();

        Assert.All(commands, c => Assert.All(Deals(first, c), d => Assert.True(d.Created)));
        Assert.All(again, c => Assert.All(Deals(second, c), d => Assert.False(d.Created)));
        Assert.Equal(commands.SelectMany(c => Deals(first, c).Select(d => d.DealId)), again.SelectMany(c => Deals(second, c).Select(d => d.DealId)));
        // contacts batch read, association batch read, batch create (no deals to read yet)
        Assert.Equal(3, created.CallsMatching("/crm/"));
        Assert.Equal(1, created.Calls("POST /crm/v3/objects/deals/batch/create"));
        // contacts batch read, association batch read, deals batch read, batch update
        Assert.Equal(4, updated.CallsMatching("/crm/"));
        Assert.Equal(1, updated.Calls("POST /crm/v3/objects/deals/batch/update"));
    }

    [Fact]
    public async Task Only_the_command_of_an_unknown_contact_fails()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var good = Command(contact, "Kept");
        var orphan = Command("999999999", "Lost");

        var outcome = await upserter.UpsertAsync([good, orphan], CancellationToken.None);

        Assert.IsType<DealsUpserted>(outcome.EventFor(good, good.Message.RequestId, 1, d => new DealsUpserted(good.Message.RequestId, contact, d)));
        var failed = Assert.IsType<CommandFailed>(outcome.EventFor(orphan, orphan.Message.RequestId, 1, d => new DealsUpserted(orphan.Message.RequestId, "x", d)));
        Assert.Equal("contact_not_found", failed.Code);
    }

    [Fact]
    public async Task The_same_deal_name_for_one_contact_in_two_commands_of_a_batch_is_one_deal_the_later_values_win_and_only_the_first_says_created()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var first = FakeConsumeContexts.Of(new UpsertDeals(Guid.NewGuid(), contact, [new DealInput("Renewal", 100m, "appointmentscheduled")]));
        var second = FakeConsumeContexts.Of(new UpsertDeals(Guid.NewGuid(), contact, [new DealInput(" renewal ", 250m, "closedwon")]));

        var outcome = await upserter.UpsertAsync([first, second], CancellationToken.None);

        var a = Deals(outcome, first).Single();
        var b = Deals(outcome, second).Single();
        Assert.Equal(a.DealId, b.DealId);
        Assert.True(a.Created);
        Assert.False(b.Created);
        var deals = (await emulator.Control.ObjectsAsync("deals")).Where(d => d.Associations("contacts").Any(c => c.Id == contact)).ToList();
        var deal = Assert.Single(deals);
        Assert.Equal("250", deal.Property("amount"));
        Assert.Equal("closedwon", deal.Property("dealstage"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_deal_HubSpot_refuses_fails_alone_and_the_deal_of_the_same_contact_and_name_is_written(bool refusedFirst)
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contacts = await EmulatorSeed.ContactsAsync(services, 2);
        var good = FakeConsumeContexts.Of(new UpsertDeals(Guid.NewGuid(), contacts[0], [new DealInput("Renewal", 100m, "appointmentscheduled")]));
        var bad = FakeConsumeContexts.Of(new UpsertDeals(Guid.NewGuid(), contacts[0],
            [new DealInput("renewal", 250m, "closedwon", Properties: new Dictionary<string, string> { ["no_such_property"] = "x" })]));
        var other = Command(contacts[1], "Untouched");

        await emulator.Control.ResetStatsAsync();
        var outcome = await upserter.UpsertAsync(refusedFirst ? [bad, good, other] : [good, bad, other], CancellationToken.None);

        var failed = Assert.IsType<CommandFailed>(outcome.EventFor(bad, bad.Message.RequestId, 1, d => new DealsUpserted(Guid.Empty, "", d)));
        Assert.Contains("PROPERTY_DOESNT_EXIST", failed.Message);
        Assert.Equal("VALIDATION_ERROR", failed.HubSpot?.Category);
        var written = Deals(outcome, good).Single();
        Assert.True(written.Created);
        Assert.True(Deals(outcome, other).Single().Created);
        var deal = Assert.Single(await emulator.Control.ObjectsAsync("deals"), d => d.Associations("contacts").Any(c => c.Id == contacts[0]));
        Assert.Equal(written.DealId, deal.Id);
        Assert.Equal("100", deal.Property("amount"));
        Assert.Equal("appointmentscheduled", deal.Property("dealstage"));
        // The create that refused one input, then the good deal on its own.
        Assert.Equal(2, (await emulator.Control.StatsAsync()).Calls("POST /crm/v3/objects/deals/batch/create"));
    }

    [Fact]
    public async Task A_deal_made_by_another_worker_since_the_associations_were_read_is_updated_not_duplicated()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var racer = Command(contact, "Contested");
        await upserter.UpsertAsync([racer], CancellationToken.None);
        // The other worker's deal holds the key but, as seen by our reads, is not linked to the contact yet.
        var existing = (await emulator.Control.ObjectsAsync("deals")).Single(d => d.Property("dealname") == "Contested" && d.Associations("contacts").Any(c => c.Id == contact));
        using (var http = new HttpClient { BaseAddress = emulator.BaseUrl })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", ServiceStackOptions.PrivateAppToken);
            (await http.DeleteAsync($"/crm/v4/objects/deals/{existing.Id}/associations/contacts/{contact}", CancellationToken.None)).EnsureSuccessStatusCode();
        }

        var retry = Command(contact, "Contested");
        var outcome = await upserter.UpsertAsync([retry], CancellationToken.None);

        var deals = (await emulator.Control.ObjectsAsync("deals")).Where(d => d.Property("crm_service_deal_key") == IdempotencyKeys.ForDeal(contact, "Contested")).ToList();
        Assert.Equal(existing.Id, Assert.Single(deals).Id);
        var result = Assert.Single(Deals(outcome, retry));
        Assert.Equal(existing.Id, result.DealId);
        Assert.False(result.Created);
    }

    private static IReadOnlyList<DealOutcome> Deals(ItemOutcomes<UpsertDeals, DealOutcome> outcome, ConsumeContext<UpsertDeals> command) =>
        Assert.IsType<DealsUpserted>(outcome.EventFor(command, command.Message.RequestId, command.Message.Deals.Count,
            deals => new DealsUpserted(command.Message.RequestId, command.Message.ContactId, deals))).Deals;
}
