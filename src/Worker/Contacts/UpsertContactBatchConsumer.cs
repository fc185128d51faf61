using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Commands;
using MassTransit;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// Up to 100 UpsertContact commands become one HubSpot batch upsert by email. Every command gets its own result
/// event; commands for the same email share one write, and only the one that created the contact says created.
/// </summary>
public sealed class UpsertContactBatchConsumer(ContactUpserter upserter, ResultPublisher results, CommandBatchRunner runner, ILogger<UpsertContactBatchConsumer> logger)
    : IConsumer<Batch<UpsertContact>>
{
    public Task Consume(ConsumeContext<Batch<UpsertContact>> context)
    {
        results.BatchConsumed<UpsertContact>(context.Message.Length);
        return runner.RunAsync(context, async () =>
        {
            var writes = ContactWrite.Merge(context.Message);
            var outcomes = await upserter.UpsertAsync(writes, context.CancellationToken);

            await RequestCopies.PublishInOrderAsync(outcomes, o => o.Command.Message.RequestId, outcome =>
                results.PublishAsync(outcome.Command, outcome.ContactId is { } contactId
                    ? new ContactUpserted(outcome.Command.Message.RequestId, contactId, outcome.Email, outcome.Created)
                    : outcome.Failure!.ToEvent(outcome.Command.Message.RequestId, CommandCatalogue.UpsertContact.Name)));
            logger.LogInformation("Upserted {Contacts} contacts for {Commands} commands ({Failed} refused)",
                writes.Count, context.Message.Length, outcomes.Count(o => o.Failure is not null));
        });
    }
}
