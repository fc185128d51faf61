using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.Deals;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.Tests.Support;
using HubSpotCrm.Worker.Tickets;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.Tickets;

public sealed class TicketCreatorTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<ServiceProvider> ServicesAsync()
    {
        var services = WorkerServices.Build(emulator.BaseUrl, configure: s => s.AddScoped<ContactCheck>().AddScoped<TicketCreator>().AddScoped<DealUpserter>());
        await services.GetRequiredService<IdempotencyPropertyBootstrapper>().EnsureAsync(CancellationToken.None);
        return services;
    }

    private static ConsumeContext<CreateTickets> Command(string contactId, IReadOnlyList<string>? dealIds, params TicketInput[] tickets) =>
        FakeConsumeContexts.Of(new CreateTickets(Guid.NewGuid(), contactId, tickets, dealIds));

    private static TicketInput Ticket(string subject, string category = "GENERAL_INQUIRY") =>
        new(subject, "Details", category, "0", "1", "MEDIUM");

    [Fact]
    public async Task Forty_commands_take_a_contact_read_an_association_read_and_one_batch_create()
    {
        await using var services = await ServicesAsync();
        var creator = services.CreateScope().ServiceProvider.GetRequiredService<TicketCreator>();
        var contacts = await EmulatorSeed.ContactsAsync(services, 20);
        var commands = Enumerable.Range(0, 40)
            .Select(i => Command(contacts[i % 20], i % 2 == 0 ? [] : null, Ticket($"Ticket {i}")))
            .ToList();

        await emulator.Control.ResetStatsAsync();
        var outcome = await creator.CreateAsync(commands, CancellationToken.None);
        var stats = await emulator.Control.StatsAsync();

        Assert.All(commands, c => Assert.True(Tickets(outcome, c).Single().Created));
        Assert.Equal(3, stats.CallsMatching("/crm/"));
        Assert.Equal(1, stats.Calls("POST /crm/v3/objects/tickets/batch/create"));
    }

    [Fact]
    public async Task Tickets_link_to_the_contact_and_to_all_its_deals_when_the_command_names_none()
    {
        await using var services = await ServicesAsync();
        var scope = services.CreateScope().ServiceProvider;
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var dealsCommand = FakeConsumeContexts.Of(new UpsertDeals(Guid.NewGuid(), contact, [new DealInput("One", 1m, "closedwon"), new DealInput("Two", 2m, "closedwon")]));
        var deals = await scope.GetRequiredService<DealUpserter>().UpsertAsync([dealsCommand], CancellationToken.None);
        var dealIds = ((DealsUpserted)deals.EventFor(dealsCommand, dealsCommand.Message.RequestId, 2, d => new DealsUpserted(Guid.Empty, contact, d))).Deals.Select(d => d.DealId).ToList();
        var command = Command(contact, null, Ticket("Linked"));

        var outcome = await scope.GetRequiredService<TicketCreator>().CreateAsync([command], CancellationToken.None);

        var created = Tickets(outcome, command).Single();
        Assert.Equal(dealIds.Order(), created.DealIds.Order());
        var ticket = (await emulator.Control.ObjectsAsync("tickets")).Single(t => t.Id == created.TicketId);
        Assert.Equal([(contact, 16)], ticket.Associations("contacts"));
        Assert.Equal(dealIds.Order(), ticket.Associations("deals").Select(d => d.Id).Order());
        Assert.All(ticket.Associations("deals"), d => Assert.Equal(28, d.TypeId));
    }

    [Fact]
    public async Task A_replayed_command_finds_its_tickets_instead_of_creating_them_again()
    {
        await using var services = await ServicesAsync();
        var creator = services.CreateScope().ServiceProvider.GetRequiredService<TicketCreator>();
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var command = Command(contact, [], Ticket("Once"), Ticket("Twice"));
        var first = await creator.CreateAsync([command], CancellationToken.None);
        var before = (await emulator.Control.StatsAsync()).Objects("tickets");

        var replayed = FakeConsumeContexts.Of(command.Message);
        var replay = await creator.CreateAsync([replayed], CancellationToken.None);

        Assert.Equal(before, (await emulator.Control.StatsAsync()).Objects("tickets"));
        var original = Tickets(first, command);
        var again = Tickets(replay, replayed);
        Assert.Equal(original.Select(t => t.TicketId), again.Select(t => t.TicketId));
        Assert.All(again, t => Assert.False(t.Created));
    }

    [Fact]
    public async Task A_command_twice_in_one_batch_is_one_ticket_and_only_its_first_copy_says_created()
    {
        await using var services = await ServicesAsync();
        var creator = services.CreateScope().ServiceProvider.GetRequiredService<TicketCreator>();
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var subject = $"Sent twice {Guid.NewGuid():N}";
        var command = Command(contact, [], Ticket(subject));
        var copy = FakeConsumeContexts.Of(command.Message);

        var outcome = await creator.CreateAsync([command, copy], CancellationToken.None);

        var first = Tickets(outcome, command).Single();
        var second = Tickets(outcome, copy).Single();
        Assert.Equal(first.TicketId, second.TicketId);
        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Single(await emulator.Control.ObjectsAsync("tickets"), t => t.Property("subject") == subject);
    }

    [Fact]
    public async Task A_ticket_HubSpot_refuses_fails_only_its_own_command()
    {
        await using var services = await ServicesAsync();
        var creator = services.CreateScope().ServiceProvider.GetRequiredService<TicketCreator>();
        var contacts = await EmulatorSeed.ContactsAsync(services, 3);
        var good = Command(contacts[0], [], Ticket("Fine"));
        var bad = Command(contacts[1], [], Ticket("Wrong", category: "GOSSIP"));
        var alsoGood = Command(contacts[2], [], Ticket("Also fine"));

        var outcome = await creator.CreateAsync([good, bad, alsoGood], CancellationToken.None);

        Assert.Single(Tickets(outcome, good));
        Assert.Single(Tickets(outcome, alsoGood));
        var failed = Assert.IsType<CommandFailed>(outcome.EventFor(bad, bad.Message.RequestId, 1, t => new TicketsCreated(Guid.Empty, "", t)));
        Assert.Contains("INVALID_OPTION", failed.Message);
        Assert.Equal(0, Assert.Single(failed.Items!).Index);
    }

    private static IReadOnlyList<TicketOutcome> Tickets(ItemOutcomes<CreateTickets, TicketOutcome> outcome, ConsumeContext<CreateTickets> command)
    {
        var m = command.Message;
        return Assert.IsType<TicketsCreated>(outcome.EventFor(command, m.RequestId, m.Tickets.Count, t => new TicketsCreated(m.RequestId, m.ContactId, t))).Tickets;
    }
}
