using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Retries;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Moves a message the receive pipe refuses to its queue's _error queue, byte for byte, with MassTransit's fault
/// headers holding the reason. A receive filter cannot just throw: the broker would hand the message back again and
/// again. Moving it keeps the queue flowing and the message readable in the management UI, ready for redrive. When the
/// message cannot be moved as it came (its own headers leave no room in an AMQP frame for the fault headers, or the
/// broker refuses them), it is moved once more without them and with a shorter reason: the body is what matters.
/// </summary>
public sealed class ErrorQueue(IOptions<RabbitMqOptions> rabbit, ILogger<ErrorQueue> logger) : IAsyncDisposable
{
    /// <summary>What MT-Fault-ExceptionType says for a message that is not a valid command.</summary>
    public const string InvalidCommandFault = "HubSpotCrm.InvalidCommand";

    private const int ShortReasonLength = 256;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task MoveAsync(string queue, ReceiveContext message, string reason, CancellationToken cancellationToken)
    {
        var original = message.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) ? delivery.Properties : null;
        try
        {
            await PublishAsync(queue, message, Properties(message, original, original?.Headers, reason), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not move a refused message to {ErrorQueue} as it came; moving it without its own headers",
                WaitQueues.ErrorQueue(queue));
            var shortReason = FaultReason.Bound($"{reason} (its own headers were dropped: moving it with them failed with {exception.GetType().Name})",
                ShortReasonLength);
            await PublishAsync(queue, message, Properties(message, original, null, shortReason), cancellationToken);
        }
    }

    private static BasicProperties Properties(ReceiveContext message, IReadOnlyBasicProperties? original,
        IDictionary<string, object?>? originalHeaders, string reason)
    {
        var headers = originalHeaders is null ? [] : new Dictionary<string, object?>(originalHeaders);
        headers[MessageHeaders.Reason] = "fault";
        headers[MessageHeaders.FaultExceptionType] = InvalidCommandFault;
        headers[MessageHeaders.FaultMessage] = reason;
        headers[MessageHeaders.FaultTimestamp] = DateTime.UtcNow.ToString("O");
        headers[MessageHeaders.FaultInputAddress] = message.InputAddress.ToString();
        return new BasicProperties
        {
            ContentType = original?.ContentType ?? message.ContentType?.MediaType,
            MessageId = original?.MessageId,
            CorrelationId = original?.CorrelationId,
            Type = original?.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
    }

    private async Task PublishAsync(string queue, ReceiveContext message, BasicProperties properties, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            await channel.BasicPublishAsync("", WaitQueues.ErrorQueue(queue), mandatory: true, properties, message.Body.GetBytes(), cancellationToken);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }
        await ResetAsync();
        _connection = await rabbit.Value.CreateConnectionFactory("hubspot-crm-worker-error-queue").CreateConnectionAsync(cancellationToken);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return _channel;
    }

    private async Task ResetAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }
}
