using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Api.Batches;

/// <summary>
/// A command that can be submitted in bulk: its route, what makes two items the same object in HubSpot, and how such
/// items become one command. Items naming the same object are one request, as HubSpot's batch upsert refuses the same
/// id twice in one call; later items' properties win, as they would have if sent one after the other.
/// </summary>
public sealed record BatchableCommand<TCommand>(
    string Route,
    Func<TCommand, string> ObjectKey,
    Func<TCommand, TCommand, TCommand> Merge,
    Func<TCommand, Guid, TCommand> WithRequestId)
    where TCommand : class
{
    public CommandDefinition Definition { get; } = CommandCatalogue.For<TCommand>();

    /// <summary>The Idempotency-Key kind of the bulk route: a key belongs to one route.</summary>
    public string KeyKind => $"{Definition.RequestKind}-batch";

    /// <summary>
    /// How the batch's commands travel: each in a message of its own, or, for a command with a bulk form, packed
    /// (<see cref="BulkMessages"/>) and sent by this. Fewer messages is what lets the broker take thousands of items a second.
    /// </summary>
    public BulkForm? Bulk { get; init; }

    /// <param name="MaxCommands">How many commands the bulk command carries at most.</param>
    /// <param name="MaxBytesOf">The most bytes one command can take in the bulk command's JSON.</param>
    /// <param name="SendAsync">Sends the bulk command carrying these commands, for the client.</param>
    public sealed record BulkForm(int MaxCommands, Func<TCommand, long> MaxBytesOf, Func<CommandPublisher, IReadOnlyList<TCommand>, string, Task> SendAsync);

    /// <summary>Puts these commands, one message's worth, on their queue for the client.</summary>
    public Task SendAsync(CommandPublisher publisher, IReadOnlyList<TCommand> commands, string client) =>
        Bulk is { } bulk ? bulk.SendAsync(publisher, commands, client) : publisher.SendAsync(commands.Single(), client, CancellationToken.None);

    /// <summary>The commands of a batch in the messages they travel in.</summary>
    public IReadOnlyList<IReadOnlyList<T>> MessagesOf<T>(IReadOnlyList<T> items, Func<T, TCommand> commandOf) =>
        Bulk is { } bulk ? BulkMessages.Pack(items, bulk.MaxCommands, item => bulk.MaxBytesOf(commandOf(item))) : [.. items.Select(i => (IReadOnlyList<T>)[i])];
}

public static class BatchableCommands
{
    public static readonly BatchableCommand<UpsertContact> Contacts = new(
        "contacts",
        contact => contact.Email.ToUpperInvariant(),
        (first, later) => first with { Properties = MergeProperties(first.Properties, later.Properties) },
        (contact, requestId) => contact with { RequestId = requestId })
    {
        Bulk = new(UpsertContacts.MaxContacts,
            contact => 128 + BulkMessages.MaxJsonBytes((contact.Properties ?? new Dictionary<string, string>()).SelectMany(p => new[] { p.Key, p.Value }).Append(contact.Email)),
            (publisher, contacts, client) => publisher.SendAsync(new UpsertContacts(contacts), client, CancellationToken.None)),
    };

    /// <summary>The command's domain is normalized by the validator already (<see cref="Contracts.Rules.CompanyDomain"/>).</summary>
    public static readonly BatchableCommand<UpsertCompany> Companies = new(
        "companies",
        company => company.Domain,
        (first, later) => first with
        {
            Properties = MergeProperties(first.Properties, later.Properties),
            ContactIds = first.ContactIds is null && later.ContactIds is null
                ? null
                : [.. (first.ContactIds ?? []).Union(later.ContactIds ?? [])],
            PrimaryCompany = later.PrimaryCompany ?? first.PrimaryCompany,
        },
        (company, requestId) => company with { RequestId = requestId });

    private static Dictionary<string, string>? MergeProperties(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string>? later)
    {
        if (first is null && later is null)
        {
            return null;
        }
        var merged = new Dictionary<string, string>(first ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in later ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }
        return merged;
    }
}
