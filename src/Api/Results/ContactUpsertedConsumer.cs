using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class ContactUpsertedConsumer(RequestStore store) : IConsumer<Batch<ContactUpserted>>
{
    public Task Consume(ConsumeContext<Batch<ContactUpserted>> context) =>
        store.CompleteAsync([.. context.Message.Select(m => RequestCompletion.Succeeded(m.Message.RequestId, RequestKinds.Contact,
            ResultJson.Serialize(new { m.Message.ContactId, m.Message.Email, m.Message.Created })))], context.CancellationToken);
}
