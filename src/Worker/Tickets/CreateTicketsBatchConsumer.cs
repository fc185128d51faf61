using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Tickets;

/// <summary>A batch of CreateTickets commands, created together; one result event per command.</summary>
public sealed class CreateTicketsBatchConsumer(TicketCreator creator, ResultPublisher results, CommandBatchRunner runner) : IConsumer<Batch<CreateTickets>>
{
    public Task Consume(ConsumeContext<Batch<CreateTickets>> context)
    {
        results.BatchConsumed<CreateTickets>(context.Message.Length);
        return runner.RunAsync(context, async () =>
        {
            var commands = context.Message.ToList();
            var outcome = await creator.CreateAsync(commands, context.CancellationToken);
            await RequestCopies.PublishInOrderAsync(commands, c => c.Message.RequestId, command =>
            {
                var message = command.Message;
                return results.PublishAsync(command, outcome.EventFor(command, message.RequestId, message.Tickets.Count,
                    tickets => new TicketsCreated(message.RequestId, message.ContactId, tickets)));
            });
        });
    }
}
