using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class TicketsCreatedConsumer(RequestStore store) : IConsumer<TicketsCreated>
{
    public Task Consume(ConsumeContext<TicketsCreated> context)
    {
        var result = context.Message;
        return store.CompleteAsync(result.RequestId, RequestKinds.Tickets, RequestStatuses.Succeeded,
            ResultJson.Serialize(new { result.ContactId, result.Tickets }), null, context.CancellationToken);
    }
}
