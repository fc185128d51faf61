using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>Up to 100 UpsertContact commands become one HubSpot batch upsert by email (<see cref="ContactCommands"/>).</summary>
public sealed class UpsertContactBatchConsumer(ContactCommands contacts, ResultPublisher results, CommandBatchRunner runner)
    : IConsumer<Batch<UpsertContact>>
{
    public Task Consume(ConsumeContext<Batch<UpsertContact>> context)
    {
        results.BatchConsumed<UpsertContact>(context.Message.Length);
        return runner.RunAsync(context, () => contacts.CarryOutAsync(
            [.. context.Message.Select(c => new ContactCommand(c.Message, c, CommandCatalogue.UpsertContact.Name))], context.CancellationToken));
    }
}
