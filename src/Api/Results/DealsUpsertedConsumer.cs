using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class DealsUpsertedConsumer(RequestStore store) : IConsumer<DealsUpserted>
{
    public Task Consume(ConsumeContext<DealsUpserted> context)
    {
        var result = context.Message;
        return store.CompleteAsync(result.RequestId, RequestKinds.Deals, RequestStatuses.Succeeded,
            ResultJson.Serialize(new { result.ContactId, result.Deals }), null, context.CancellationToken);
    }
}
