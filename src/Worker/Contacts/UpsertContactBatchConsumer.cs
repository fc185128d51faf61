using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// Up to 100 UpsertContact commands become one HubSpot batch upsert by email. Every command gets its own result
/// event; commands for the same email share one write and one result.
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

            var published = new List<Task>(context.Message.Length);
            foreach (var outcome in outcomes)
            {
                foreach (var command in outcome.Write.Commands)
                {
                    published.Add(results.PublishAsync(command, outcome.Contact is { } contact
                        ? new ContactUpserted(command.Message.RequestId, contact.Id, outcome.Write.Email, contact.New ?? false)
                        : outcome.Failure!.ToEvent(command.Message.RequestId, BusTopology.UpsertContactCommand)));
                }
            }
            await Task.WhenAll(published);
            logger.LogInformation("Upserted {Contacts} contacts for {Commands} commands ({Failed} refused)",
                outcomes.Count, context.Message.Length, outcomes.Count(o => o.Failure is not null));
        });
    }
}
