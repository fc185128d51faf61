using System.Globalization;
using System.Text.Json;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Contracts.Headers;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Diagnostics;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Checks every message on a command queue against its size limit and its command's schema in the receive pipe,
/// before MassTransit reads it as a .NET type (whose errors neither name the field nor catch every mistake) or it
/// joins a batch. A message that can never succeed as sent is answered with <see cref="CommandFailed"/> when it names
/// a request id, then moved on its own to the queue's _error queue with the reason (every bad field, by path, bounded
/// by <see cref="FaultReason"/>) in MT-Fault-Message: it is never retried and never fails the batch it would have
/// joined. Whatever goes wrong in here, the message is never handed back to the broker to come straight back: a
/// message the check itself fails on is refused with that reason, and when even the move to _error fails (the
/// broker is away) the filter waits before letting the message go back to its queue. Everything logged for the
/// message on its way carries its RequestId (a bulk command's RequestIds), MessageId and ConversationId.
/// </summary>
public sealed class CommandSchemaFilter(
    IServiceProvider services,
    ErrorQueue errorQueue,
    BrokerOperations broker,
    WorkerMetrics metrics,
    ILogger<CommandSchemaFilter> logger)
    : IFilter<ReceiveContext>
{
    private const string EnvelopeMediaType = "application/vnd.masstransit+json";

    private readonly MoveBackoff _backoff = new();

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var queue = InputQueue.Of(context);
        if (CommandCatalogue.ForQueue(queue) is not { } definition)
        {
            await next.Send(context);
            return;
        }

        var command = definition.Name;
        var (requestIds, reason) = Check(context, queue, definition);
        using var requestScope = definition.BulkOf is null
            ? SerilogContext.PushProperty("RequestId", requestIds is [var only] ? only : (Guid?)null)
            : SerilogContext.PushProperty("RequestIds", requestIds.ToArray());
        using var messageScope = SerilogContext.PushProperty("MessageId", context.GetMessageId());
        using var conversationScope = SerilogContext.PushProperty("ConversationId", context.GetConversationId());
        if (reason is null)
        {
            await next.Send(context);
            return;
        }
        await RefuseAsync(context, queue, command, requestIds, reason);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commandSchema");

    /// <summary>The client the message names in its client header, if it names one.</summary>
    private static (string Name, bool Valid)? ClientOf(ReceiveContext context) =>
        context.TransportHeaders.Get<string>(ClientHeader.Name) is { } client ? (client, ClientHeader.IsClientName(client)) : null;

    /// <summary>The request ids the message names, and why it is refused (null: it is a valid command).</summary>
    private static (IReadOnlyList<Guid> RequestIds, string? Reason) Check(ReceiveContext context, string queue, CommandDefinition definition)
    {
        var command = definition.Name;
        IReadOnlyList<Guid> requestIds = [];
        try
        {
            var body = context.Body.GetBytes();
            requestIds = RequestIdLocator.FindAll(body, context.ContentType?.MediaType == EnvelopeMediaType, bulk: definition.BulkOf is not null);
            if (body.Length > MessageSizeLimit.MaxBytes)
            {
                return (requestIds, string.Create(CultureInfo.InvariantCulture,
                    $"The {command} message is {body.Length:N0} bytes; a command may be at most {MessageSizeLimit.MaxBytes:N0} bytes"));
            }
            using var document = JsonDocument.Parse(body);
            var message = context.ContentType?.MediaType == EnvelopeMediaType && document.RootElement.ValueKind == JsonValueKind.Object &&
                          document.RootElement.TryGetProperty("message", out var inner)
                ? inner
                : document.RootElement;
            var checks = CommandSchemas.Check(queue, message);
            if (checks.Count == 0)
            {
                return (requestIds, ClientOf(context) is { Valid: false }
                    ? $"Invalid {command} command: the {ClientHeader.Name} header must name an API client (1 to 64 letters, digits, '-', '_' or '.')"
                    : null);
            }
            var unlisted = checks.Count - checks.Problems.Count;
            return (requestIds, FaultReason.Bound($"Invalid {command} command: {string.Join("; ", checks.Problems)}" +
                                                 (unlisted > 0 ? $"; and {unlisted} more problems" : "")));
        }
        catch (JsonException exception)
        {
            return (requestIds, FaultReason.Bound($"The {command} message is not JSON: {exception.Message}"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug here must not hand the message back to the broker, which would deliver it again at once, forever.
            return (requestIds, FaultReason.Bound($"The {command} message could not be checked: {exception.GetType().Name}: {exception.Message}"));
        }
    }

    private async Task RefuseAsync(ReceiveContext context, string queue, string command, IReadOnlyList<Guid> requestIds, string reason)
    {
        logger.LogWarning("Refused a command; it goes to {ErrorQueue}: {Reason}", queue + "_error", reason);
        if (requestIds.Count > 0)
        {
            // Before the move: should the move fail and the message come back, answering it again is harmless (the
            // Api keeps a request's first final state), while an answer lost after the move would leave it unanswered.
            // A bulk command is refused whole, so each of its requests hears why.
            try
            {
                var client = ClientOf(context) is { Valid: true } named ? named.Name : null;
                var bus = services.GetRequiredService<IBus>();
                await broker.RunAsync("Publishing the CommandFailed of a refused command",
                    token => Task.WhenAll(requestIds.Select(id => bus.Publish(new CommandFailed(id, command, CommandFailures.InvalidCommand, reason),
                        Pipe.Execute<PublishContext>(p => p.Headers.SetClient(client)), token))),
                    context.CancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Could not publish the CommandFailed of a refused command");
            }
        }
        try
        {
            // Bounded, with its connection replaced on a timeout, by the broker administration: nothing to restart for.
            await errorQueue.MoveAsync(queue, context, reason, context.CancellationToken);
            _backoff.Succeeded();
            metrics.CommandFinished(command, "invalid");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var delay = _backoff.Failed();
            logger.LogError(exception, "Could not move a refused command to {ErrorQueue}; it goes back to its queue in {Delay}", queue + "_error", delay);
            await Task.Delay(delay, context.CancellationToken);
            throw;
        }
    }
}
