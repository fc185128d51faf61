using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Retries;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Moves a message the receive pipe refuses to its queue's _error queue, byte for byte, with MassTransit's fault
/// headers holding the reason. A receive filter cannot just throw: the broker would hand the message back again and
/// again. Moving it keeps the queue flowing and the message readable in the management UI, ready for redrive.
/// </summary>
public sealed class ErrorQueue(IOptions<RabbitMqOptions> rabbit) : IAsyncDisposable
{
    /// <summary>What MT-Fault-ExceptionType says for a message that is not a valid command.</summary>
    public const string InvalidCommandFault = "HubSpotCrm.InvalidCommand";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task MoveAsync(string queue, ReceiveContext message, string reason, CancellationToken cancellationToken)
    {
        var original = message.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) ? delivery.Properties : null;
        var headers = original?.Headers is { } existing ? new Dictionary<string, object?>(existing) : [];
        headers[MessageHeaders.Reason] = "fault";
        headers[MessageHeaders.FaultExceptionType] = InvalidCommandFault;
        headers[MessageHeaders.FaultMessage] = reason;
        headers[MessageHeaders.FaultTimestamp] = DateTime.UtcNow.ToString("O");
        headers[MessageHeaders.FaultInputAddress] = message.InputAddress.ToString();
        var properties = new BasicProperties
        {
            ContentType = original?.ContentType ?? message.ContentType?.MediaType,
            MessageId = original?.MessageId,
            CorrelationId = original?.CorrelationId,
            Type = original?.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };

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
