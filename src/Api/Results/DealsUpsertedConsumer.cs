using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class DealsUpsertedConsumer(RequestStore store) : IConsumer<Batch<DealsUpserted>>
{
    public Task Consume(ConsumeContext<Batch<DealsUpserted>> context) =>
        store.CompleteAsync([.. context.Message.Select(m => RequestCompletion.Succeeded(m.Message.RequestId, RequestKinds.Deals,
            ResultJson.Serialize(new { m.Message.ContactId, m.Message.Deals })))], context.CancellationToken);
}
