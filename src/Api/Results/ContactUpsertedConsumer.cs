using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class ContactUpsertedConsumer(ResultRecorder recorder) : IConsumer<Batch<ContactUpserted>>
{
    public Task Consume(ConsumeContext<Batch<ContactUpserted>> context) =>
        recorder.RecordAsync([.. context.Message.Select(m => RequestCompletion.Succeeded(m.Message.RequestId, CommandCatalogue.UpsertContact.RequestKind,
            ResultJson.Serialize(new { m.Message.ContactId, m.Message.Email, m.Message.Created }), ResultClient.Of(m)))], context.CancellationToken);
}
