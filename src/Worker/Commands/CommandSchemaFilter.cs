using System.Text.Json;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Diagnostics;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Checks every message on a command queue against its command's schema in the receive pipe, before MassTransit reads
/// it as a .NET type (whose errors neither name the field nor catch every mistake) or it joins a batch. A message that can never succeed as sent is answered with <see cref="CommandFailed"/> when it names a
/// request id, then moved on its own to the queue's _error queue with the reason (every bad field, by path) in
/// MT-Fault-Message: it is never retried and never fails the batch it would have joined. Everything logged for the
/// message on its way carries its RequestId, MessageId and ConversationId.
/// </summary>
public sealed class CommandSchemaFilter(IServiceProvider services, ErrorQueue errorQueue, WorkerMetrics metrics, ILogger<CommandSchemaFilter> logger)
    : IFilter<ReceiveContext>
{
    private const string EnvelopeMediaType = "application/vnd.masstransit+json";

    private static readonly Dictionary<string, string> CommandByQueue = new(StringComparer.Ordinal)
    {
        [BusTopology.UpsertContactQueue] = BusTopology.UpsertContactCommand,
        [BusTopology.UpsertDealsQueue] = BusTopology.UpsertDealsCommand,
        [BusTopology.CreateTicketsQueue] = BusTopology.CreateTicketsCommand,
    };

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var queue = context.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (!CommandByQueue.TryGetValue(queue, out var command))
        {
            await next.Send(context);
            return;
        }

        Guid? requestId;
        string? reason;
        try
        {
            using var document = JsonDocument.Parse(context.Body.GetBytes());
            var message = context.ContentType?.MediaType == EnvelopeMediaType && document.RootElement.ValueKind == JsonValueKind.Object &&
                          document.RootElement.TryGetProperty("message", out var inner)
                ? inner
                : document.RootElement;
            requestId = RequestIdIn(message);
            var problems = CommandSchemas.Check(queue, message);
            reason = problems.Count == 0 ? null : $"Invalid {command} command: {string.Join("; ", problems)}";
        }
        catch (JsonException exception)
        {
            requestId = null;
            reason = $"The {command} message is not JSON: {exception.Message}";
        }
        using var requestScope = SerilogContext.PushProperty("RequestId", requestId);
        using var messageScope = SerilogContext.PushProperty("MessageId", context.GetMessageId());
        using var conversationScope = SerilogContext.PushProperty("ConversationId", context.GetConversationId());
        if (reason is null)
        {
            await next.Send(context);
            return;
        }

        metrics.CommandFinished(command, "invalid");
        logger.LogWarning("Refused a command; it goes to {ErrorQueue}: {Reason}", queue + "_error", reason);
        await errorQueue.MoveAsync(queue, context, reason, context.CancellationToken);
        if (requestId is { } id)
        {
            await services.GetRequiredService<IBus>().Publish(new CommandFailed(id, command, CommandFailures.InvalidCommand, reason), context.CancellationToken);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commandSchema");

    private static Guid? RequestIdIn(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object &&
        message.EnumerateObject().FirstOrDefault(p => p.Name.Equals("requestId", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property &&
        Guid.TryParse(property.Value.GetString(), out var id) && id != Guid.Empty
            ? id
            : null;
}
