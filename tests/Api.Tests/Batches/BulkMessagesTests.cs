using HubSpotCrm.Api.Batches;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Api.Tests.Batches;

/// <summary>How a batch's contacts are packed into UpsertContacts messages.</summary>
public sealed class BulkMessagesTests
{
    private static UpsertContact Contact(int i, int valueLength = 10) =>
        new(Guid.NewGuid(), $"c{i}@example.com", new Dictionary<string, string> { ["notes"] = new('x', valueLength) });

    private static IReadOnlyList<IReadOnlyList<UpsertContact>> Pack(IReadOnlyList<UpsertContact> contacts) =>
        BatchableCommands.Contacts.MessagesOf(contacts, c => c);

    [Fact]
    public void A_thousand_small_contacts_travel_in_ten_messages_of_a_hundred_in_item_order()
    {
        var contacts = Enumerable.Range(0, 1000).Select(i => Contact(i)).ToList();

        var messages = Pack(contacts);

        Assert.Equal(10, messages.Count);
        Assert.All(messages, m => Assert.Equal(UpsertContacts.MaxContacts, m.Count));
        Assert.Equal(contacts, messages.SelectMany(m => m));
    }

    [Fact]
    public void Large_contacts_share_a_message_only_while_their_bound_stays_under_half_a_MiB()
    {
        // 64 KB of notes: at most 6 bytes a character as JSON, so one message holds one.
        var contacts = Enumerable.Range(0, 5).Select(i => Contact(i, 64 * 1024)).Append(Contact(5)).ToList();

        var messages = Pack(contacts);

        Assert.Equal([1, 1, 1, 1, 2], messages.Select(m => m.Count));
        Assert.All(messages, m => Assert.True(m.Sum(c => 6L * (c.Email.Length + c.Properties!.Sum(p => p.Key.Length + p.Value.Length))) <= BulkMessages.MaxMessageBytes));
    }

    [Fact]
    public void A_contact_whose_bound_alone_passes_the_limit_travels_alone()
    {
        var contacts = new[] { Contact(0), Contact(1, 200 * 1024), Contact(2) };

        var messages = Pack(contacts);

        Assert.Equal([1, 1, 1], messages.Select(m => m.Count));
    }

    [Fact]
    public void Companies_travel_one_to_a_message()
    {
        var companies = Enumerable.Range(0, 3).Select(i => new UpsertCompany(Guid.NewGuid(), $"c{i}.example.com")).ToList();

        Assert.Equal([1, 1, 1], BatchableCommands.Companies.MessagesOf(companies, c => c).Select(m => m.Count));
    }
}
