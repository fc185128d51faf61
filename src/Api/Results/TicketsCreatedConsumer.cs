using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class TicketsCreatedConsumer(ResultRecorder recorder) : IConsumer<Batch<TicketsCreated>>
{
    public Task Consume(ConsumeContext<Batch<TicketsCreated>> context) =>
        recorder.RecordAsync([.. context.Message.Select(m => RequestCompletion.Succeeded(m.Message.RequestId, CommandCatalogue.CreateTickets.RequestKind,
            ResultJson.Serialize(new { m.Message.ContactId, m.Message.Tickets }), ResultClient.Of(m)))], context.CancellationToken);
}
