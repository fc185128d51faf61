using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class ContactUpsertedConsumer(RequestStore store) : IConsumer<ContactUpserted>
{
    public Task Consume(ConsumeContext<ContactUpserted> context)
    {
        var result = context.Message;
        return store.CompleteAsync(result.RequestId, RequestKinds.Contact, RequestStatuses.Succeeded,
            ResultJson.Serialize(new { result.ContactId, result.Email, result.Created }), null, context.CancellationToken);
    }
}
