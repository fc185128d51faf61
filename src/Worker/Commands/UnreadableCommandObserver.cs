using System.Text.Json;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// A message on a command queue that cannot even be read as its command (invalid JSON, a missing or mistyped field, an
/// unknown field) goes to _error with the reason in its headers — MassTransit does that. This observer also answers
/// it with <see cref="CommandFailed"/> whenever a request id can be found in it, so the sender learns why.
/// </summary>
public sealed class UnreadableCommandObserver(IServiceProvider services, ILogger<UnreadableCommandObserver> logger) : IReceiveObserver
{
    private static readonly Dictionary<string, string> CommandByQueue = new(StringComparer.Ordinal)
    {
        [BusTopology.UpsertContactQueue] = BusTopology.UpsertContactCommand,
        [BusTopology.UpsertDealsQueue] = BusTopology.UpsertDealsCommand,
        [BusTopology.CreateTicketsQueue] = BusTopology.CreateTicketsCommand,
    };

    public async Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        var queue = context.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (!CommandByQueue.TryGetValue(queue, out var command))
        {
            return;
        }
        var reason = $"Unreadable {command} message: {exception.GetBaseException().Message}";
        var requestId = RequestIdIn(context.Body.GetBytes());
        logger.LogWarning("Moved an unreadable message from {Queue} to {ErrorQueue} (request id {RequestId}): {Reason}",
            queue, queue + "_error", requestId, reason);
        if (requestId is { } id)
        {
            await services.GetRequiredService<IBus>().Publish(new CommandFailed(id, command, CommandFailures.InvalidCommand, reason));
        }
    }

    /// <summary>The requestId of a plain JSON command, or of the message inside a MassTransit envelope.</summary>
    private static Guid? RequestIdIn(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                root = inner;
            }
            return root.ValueKind == JsonValueKind.Object &&
                   (root.TryGetProperty("requestId", out var value) || root.TryGetProperty("RequestId", out value)) &&
                   value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var requestId) && requestId != Guid.Empty
                ? requestId
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;
}
