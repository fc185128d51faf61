using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class CompanyUpsertedConsumer(ResultRecorder recorder) : IConsumer<Batch<CompanyUpserted>>
{
    public Task Consume(ConsumeContext<Batch<CompanyUpserted>> context) =>
        recorder.RecordAsync([.. context.Message.Select(m => RequestCompletion.Succeeded(m.Message.RequestId, CommandCatalogue.UpsertCompany.RequestKind,
            ResultJson.Serialize(new { m.Message.CompanyId, m.Message.Domain, m.Message.Created, m.Message.ContactIds }), ResultClient.Of(m)))], context.CancellationToken);
}
