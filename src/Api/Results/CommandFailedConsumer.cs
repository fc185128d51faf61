using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class CommandFailedConsumer(RequestStore store) : IConsumer<CommandFailed>
{
    public Task Consume(ConsumeContext<CommandFailed> context)
    {
        var failure = context.Message;
        var kind = failure.Command switch
        {
            BusTopology.UpsertContactCommand => RequestKinds.Contact,
            BusTopology.UpsertDealsCommand => RequestKinds.Deals,
            BusTopology.CreateTicketsCommand => RequestKinds.Tickets,
            _ => "unknown",
        };
        return store.CompleteAsync(failure.RequestId, kind, RequestStatuses.Failed, null,
            ResultJson.Serialize(new { failure.Code, failure.Message, failure.HubSpot, failure.Items }), context.CancellationToken);
    }
}
