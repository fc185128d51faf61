using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Api.Results;

public sealed class CommandFailedConsumer(ResultRecorder recorder) : IConsumer<Batch<CommandFailed>>
{
    public Task Consume(ConsumeContext<Batch<CommandFailed>> context) =>
        recorder.RecordAsync([.. context.Message.Select(m => RequestCompletion.Failed(m.Message.RequestId, KindOf(m.Message.Command),
            ResultJson.Serialize(new { m.Message.Code, m.Message.Message, m.Message.HubSpot, m.Message.Items }), ResultClient.Of(m)))], context.CancellationToken);

    private static string KindOf(string command) => CommandCatalogue.ForName(command)?.RequestKind ?? "unknown";
}
