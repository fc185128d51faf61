using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Contacts;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.Contacts;

public sealed class ContactUpserterTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Upsert = "POST /crm/v3/objects/contacts/batch/upsert";

    private ContactUpserter Upserter(out ServiceProvider services)
    {
        services = WorkerServices.Build(emulator.BaseUrl, configure: s => s.AddScoped<ContactUpserter>());
        return services.CreateScope().ServiceProvider.GetRequiredService<ContactUpserter>();
    }

    private static UpsertContact Command(string email, params (string Name, string Value)[] properties) =>
        new(Guid.NewGuid(), email, properties.ToDictionary(p => p.Name, p => p.Value));

    private static ContactCommand Of(UpsertContact command) => new(command, FakeConsumeContexts.Of(command), "upsert-contact");

    private static string Email() => $"c-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task A_hundred_contacts_take_one_upsert_call()
    {
        var upserter = Upserter(out var services);
        await using var _ = services;
        await emulator.Control.ResetStatsAsync();
        var commands = Enumerable.Range(0, 100).Select(i => Of(Command(Email(), ("firstname", $"N{i}")))).ToList();

        var outcomes = await upserter.UpsertAsync(ContactWrite.Merge(commands), CancellationToken.None);

        Assert.Equal(100, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Created));
        Assert.Equal(1, (await emulator.Control.StatsAsync()).Calls(Upsert));
    }

    [Fact]
    public async Task The_same_email_twice_in_a_batch_is_one_write_where_the_later_command_wins_and_only_the_first_says_created()
    {
        var upserter = Upserter(out var services);
        await using var _ = services;
        await emulator.Control.ResetStatsAsync();
        var email = Email();
        var first = Of(Command(email, ("firstname", "First"), ("lastname", "Kept")));
        var second = Of(Command(email.ToUpperInvariant(), ("firstname", "Second")));

        var outcomes = await upserter.UpsertAsync(ContactWrite.Merge([first, second]), CancellationToken.None);

        Assert.Equal([first, second], outcomes.Select(o => o.Command));
        Assert.Equal([true, false], outcomes.Select(o => o.Created));
        var contactId = Assert.Single(outcomes.Select(o => o.ContactId).Distinct());
        var contact = (await emulator.Control.ObjectsAsync("contacts")).Single(c => c.Id == contactId);
        Assert.Equal("Second", contact.Property("firstname"));
        Assert.Equal("Kept", contact.Property("lastname"));
        Assert.Equal(1, (await emulator.Control.StatsAsync()).Calls(Upsert));
    }

    [Fact]
    public async Task A_command_HubSpot_refuses_fails_alone_and_the_commands_sharing_its_email_are_written_the_later_winning()
    {
        var upserter = Upserter(out var services);
        await using var _ = services;
        await emulator.Control.ResetStatsAsync();
        var email = Email();
        var first = Of(Command(email, ("firstname", "First"), ("lastname", "Kept")));
        var bad = Of(Command(email, ("firstname", "Bad"), ("phone", "555-0100"), ("no_such_property", "x")));
        var third = Of(Command(email, ("firstname", "Third")));
        var others = Enumerable.Range(0, 5).Select(i => Of(Command(Email(), ("firstname", $"Other {i}")))).ToList();

        var outcomes = await upserter.UpsertAsync(ContactWrite.Merge([first, .. others, bad, third]), CancellationToken.None);

        var failed = Assert.Single(outcomes, o => o.Failure is not null);
        Assert.Same(bad, failed.Command);
        Assert.Contains("PROPERTY_DOESNT_EXIST", failed.Failure!.Message);
        Assert.Equal("VALIDATION_ERROR", failed.Failure.HubSpot?.Category);
        var mine = outcomes.Where(o => o.Email == email && o.Failure is null).ToList();
        Assert.Equal([first, third], mine.Select(o => o.Command));
        Assert.Equal([true, false], mine.Select(o => o.Created));
        var contact = (await emulator.Control.ObjectsAsync("contacts")).Single(c => c.Property("email") == email);
        Assert.Equal("Third", contact.Property("firstname"));
        Assert.Equal("Kept", contact.Property("lastname"));
        Assert.Null(contact.Property("phone"));
        Assert.All(outcomes.Where(o => o.Email != email), o => Assert.True(o.Created));
        // Refused; the other emails again; the email's two good commands merged.
        Assert.Equal(3, (await emulator.Control.StatsAsync()).Calls(Upsert));
    }

    [Fact]
    public async Task One_bad_input_fails_alone_with_HubSpots_message_and_the_other_99_are_written()
    {
        var upserter = Upserter(out var services);
        await using var _ = services;
        await emulator.Control.ResetStatsAsync();
        var commands = Enumerable.Range(0, 99).Select(_ => Of(Command(Email(), ("firstname", "Good")))).ToList();
        var bad = Of(Command(Email(), ("no_such_property", "x")));
        commands.Insert(42, bad);

        var outcomes = await upserter.UpsertAsync(ContactWrite.Merge(commands), CancellationToken.None);

        var failed = Assert.Single(outcomes, o => o.Failure is not null);
        Assert.Same(bad, failed.Command);
        Assert.Contains("PROPERTY_DOESNT_EXIST", failed.Failure!.Message);
        Assert.Equal(400, failed.Failure.HubSpot?.Status);
        Assert.Equal(99, outcomes.Count(o => o.ContactId is not null));
        Assert.Equal(2, (await emulator.Control.StatsAsync()).Calls(Upsert));
    }

    [Fact]
    public async Task An_invalid_email_among_many_is_isolated_by_the_email_HubSpot_names()
    {
        var upserter = Upserter(out var services);
        await using var _ = services;
        await emulator.Control.ResetStatsAsync();
        var commands = Enumerable.Range(0, 30).Select(_ => Of(Command(Email()))).ToList();
        commands.Add(Of(Command("not-an-email")));

        var outcomes = await upserter.UpsertAsync(ContactWrite.Merge(commands), CancellationToken.None);

        var failed = Assert.Single(outcomes, o => o.Failure is not null);
        Assert.Equal("not-an-email", failed.Email);
        Assert.Contains("INVALID_EMAIL", failed.Failure!.Message);
        Assert.Equal(30, outcomes.Count(o => o.ContactId is not null));
        Assert.Equal(2, (await emulator.Control.StatsAsync()).Calls(Upsert));
    }
}
