using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// The broker names other services rely on. They are part of the wire contract: change one and every
/// publisher and subscriber outside this repository breaks.
/// </summary>
public static class BusTopology
{
    /// <summary>Command queues. Each has an exchange of the same name (fanout) bound to it.</summary>
    public const string UpsertContactQueue = "hubspot.upsert-contact";
    public const string UpsertDealsQueue = "hubspot.upsert-deals";
    public const string CreateTicketsQueue = "hubspot.create-tickets";

    /// <summary>Request/response queue of the read path.</summary>
    public const string GetNewObjectsQueue = "hubspot.get-new-objects";

    /// <summary>The Api's queue of result events, from which it records request status.</summary>
    public const string RequestStatusQueue = "hubspot.request-status";

    /// <summary>Fanout exchanges the result events are published to.</summary>
    public const string ContactUpsertedExchange = "hubspot.contact-upserted";
    public const string DealsUpsertedExchange = "hubspot.deals-upserted";
    public const string TicketsCreatedExchange = "hubspot.tickets-created";
    public const string CommandFailedExchange = "hubspot.command-failed";

    /// <summary>Command names as they appear in <see cref="CommandFailed.Command"/>.</summary>
    public const string UpsertContactCommand = "upsert-contact";
    public const string UpsertDealsCommand = "upsert-deals";
    public const string CreateTicketsCommand = "create-tickets";

    public static Uri QueueAddress(string queue) => new($"queue:{queue}");

    /// <summary>Pins the event exchanges to stable, language-neutral names instead of .NET type names.</summary>
    public static void UseHubSpotCrmEntityNames(this IBusFactoryConfigurator cfg)
    {
        cfg.Message<ContactUpserted>(m => m.SetEntityName(ContactUpsertedExchange));
        cfg.Message<DealsUpserted>(m => m.SetEntityName(DealsUpsertedExchange));
        cfg.Message<TicketsCreated>(m => m.SetEntityName(TicketsCreatedExchange));
        cfg.Message<CommandFailed>(m => m.SetEntityName(CommandFailedExchange));
    }
}
