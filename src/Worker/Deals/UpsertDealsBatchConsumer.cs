using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Deals;

/// <summary>A batch of UpsertDeals commands, written with a constant number of HubSpot calls; one result event per command.</summary>
public sealed class UpsertDealsBatchConsumer(DealUpserter upserter, ResultPublisher results, CommandBatchRunner runner) : IConsumer<Batch<UpsertDeals>>
{
    public Task Consume(ConsumeContext<Batch<UpsertDeals>> context)
    {
        results.BatchConsumed<UpsertDeals>(context.Message.Length);
        return runner.RunAsync(context, async () =>
        {
            var commands = context.Message.ToList();
            var outcome = await upserter.UpsertAsync(commands, context.CancellationToken);
            await RequestCopies.PublishInOrderAsync(commands, c => c.Message.RequestId, command =>
            {
                var message = command.Message;
                return results.PublishAsync(command, outcome.EventFor(command, message.RequestId, message.Deals.Count,
                    deals => new DealsUpserted(message.RequestId, message.ContactId, deals)));
            });
        });
    }
}
