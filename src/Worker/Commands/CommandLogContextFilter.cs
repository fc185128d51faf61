using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Puts the command's RequestId, MessageId and ConversationId on every log line written while it is handled, so one
/// request can be followed through the Worker's logs.
/// </summary>
public sealed class CommandLogContextFilter<TMessage> : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        using (SerilogContext.PushProperty("RequestId", CommandNames.RequestIdOf(context.Message)))
        using (SerilogContext.PushProperty("MessageId", context.MessageId))
        using (SerilogContext.PushProperty("ConversationId", context.ConversationId))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commandLogContext");
}
