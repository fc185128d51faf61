using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class DealsUpsertedConsumer(ResultRecorder recorder) : IConsumer<Batch<DealsUpserted>>
{
    public Task Consume(ConsumeContext<Batch<DealsUpserted>> context) =>
        recorder.RecordAsync([.. context.Message.Select(m => RequestCompletion.Succeeded(m.Message.RequestId, CommandCatalogue.UpsertDeals.RequestKind,
            ResultJson.Serialize(new { m.Message.ContactId, m.Message.Deals }), ResultClient.Of(m)))], context.CancellationToken);
}
