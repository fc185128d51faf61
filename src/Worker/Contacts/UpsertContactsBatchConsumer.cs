using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// UpsertContacts messages, each of up to 100 contacts, become one HubSpot batch upsert by email per 100 contacts
/// (<see cref="ContactCommands"/>); each contact is answered on its own. A message is retried and parked whole.
/// </summary>
public sealed class UpsertContactsBatchConsumer(ContactCommands contacts, ResultPublisher results, CommandBatchRunner runner)
    : IConsumer<Batch<UpsertContacts>>
{
    public Task Consume(ConsumeContext<Batch<UpsertContacts>> context)
    {
        // Its contacts, each a command of its own: the batch size reads as HubSpot inputs, as for UpsertContact.
        results.BatchConsumed<UpsertContacts>(context.Message.Sum(m => m.Message.Contacts.Count));
        return runner.RunAsync(context, () => contacts.CarryOutAsync(
            [.. context.Message.SelectMany(m => m.Message.Contacts.Select(c => new ContactCommand(c, m, CommandCatalogue.UpsertContacts.Name)))],
            context.CancellationToken));
    }
}
