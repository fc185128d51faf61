using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;

namespace HubSpotCrm.Contracts.Catalogue;

/// <summary>
/// The commands and events of the wire contract and the broker names other services rely on: change one and every
/// publisher and subscriber outside this repository breaks. A new command is one entry here, its record and its
/// schema file (Schemas/), plus what the Api and the Worker do with it.
/// </summary>
public static class CommandCatalogue
{
    public const string Prefix = "hubspot.";

    /// <summary>The Api's queue of result events, from which it records request status.</summary>
    public const string RequestStatusQueue = "hubspot.request-status";

    /// <summary>Request/response queue of the read path.</summary>
    public const string GetNewObjectsQueue = "hubspot.get-new-objects";

    public static readonly EventDefinition ContactUpserted = new("contact-upserted", typeof(ContactUpserted),
        "A contact was created or updated.");

    public static readonly EventDefinition DealsUpserted = new("deals-upserted", typeof(DealsUpserted),
        "Every deal of an UpsertDeals command was created or updated.");

    public static readonly EventDefinition TicketsCreated = new("tickets-created", typeof(TicketsCreated),
        "Every ticket of a CreateTickets command was created (or found, for a replayed command).");

    public static readonly EventDefinition CompanyUpserted = new("company-upserted", typeof(CompanyUpserted),
        "A company was created or updated, and the command's contacts are linked to it.");

    public static readonly EventDefinition CommandFailed = new("command-failed", typeof(CommandFailed),
        "A command could not be carried out, with the reason; published once per failed command.");

    public static readonly CommandDefinition UpsertContact = new("upsert-contact", "contact", typeof(UpsertContact), ContactUpserted,
        "Create or update a contact, matched by email.");

    public static readonly CommandDefinition UpsertDeals = new("upsert-deals", "deals", typeof(UpsertDeals), DealsUpserted,
        "Create or update deals of a contact, matched by deal name among the contact's deals.");

    public static readonly CommandDefinition CreateTickets = new("create-tickets", "tickets", typeof(CreateTickets), TicketsCreated,
        "Create tickets for a contact, linked to the given deals or to all of the contact's deals.");

    public static readonly CommandDefinition UpsertCompany = new("upsert-company", "companies", typeof(UpsertCompany), CompanyUpserted,
        "Create or update a company, matched by its normalized domain, and link contacts to it.");

    public static readonly CommandDefinition UpsertContacts = new("upsert-contacts", UpsertContact.RequestKind, typeof(UpsertContacts), ContactUpserted,
        "Create or update up to 100 contacts in one message, each matched by email and answered on its own.")
    {
        BulkOf = UpsertContact,
    };

    public static IReadOnlyList<CommandDefinition> Commands { get; } = [UpsertContact, UpsertDeals, CreateTickets, UpsertCompany, UpsertContacts];

    public static IReadOnlyList<EventDefinition> Events { get; } = [.. Commands.Select(c => c.Result).Distinct(), CommandFailed];

    /// <summary>
    /// The exchange the Api sends to one of the Worker's queues through, bound to that queue: "hubspot.api.upsert-contact"
    /// for "hubspot.upsert-contact" (why: src/Api/Publishing/WorkerQueueAddress.cs). Commands the Api sends pass through
    /// it, not through the command's own exchange.
    /// </summary>
    public static string ApiExchangeOf(string queue) =>
        queue.StartsWith(Prefix, StringComparison.Ordinal)
            ? $"{Prefix}api.{queue[Prefix.Length..]}"
            : throw new ArgumentException($"{queue} is not a queue of the service ({Prefix}…).", nameof(queue));

    public static CommandDefinition For<TCommand>() => For(typeof(TCommand));

    public static CommandDefinition For(Type commandType) =>
        Commands.FirstOrDefault(c => c.MessageType == commandType)
        ?? throw new ArgumentException($"{commandType.Name} is not a command of the catalogue.", nameof(commandType));

    public static CommandDefinition? ForQueue(string queue) => Commands.FirstOrDefault(c => c.Queue == queue);

    public static CommandDefinition? ForName(string name) => Commands.FirstOrDefault(c => c.Name == name);

    /// <summary>The command whose requests are of <paramref name="kind"/>; a bulk command's are its item command's.</summary>
    public static CommandDefinition? ForRequestKind(string kind) => Commands.FirstOrDefault(c => c.RequestKind == kind && c.BulkOf is null);
}
