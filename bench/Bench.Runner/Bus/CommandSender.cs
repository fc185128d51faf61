using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.Bench.Bus;

/// <summary>
/// Publishes commands as plain JSON straight to their queue through the default exchange, as a non-.NET service
/// would: no MassTransit envelope, persistent, with publisher confirms so a lost publish fails the run.
/// </summary>
internal sealed class CommandSender : IAsyncDisposable
{
    private const int ConfirmWindow = 500;
    private static readonly BasicProperties Properties = new() { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };

    private static readonly CreateChannelOptions ConfirmedChannel = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private readonly IConnection _connection;
    private IChannel _channel;

    private CommandSender(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<CommandSender> StartAsync(Uri amqpUri)
    {
        var connection = await new ConnectionFactory { Uri = amqpUri, ClientProvidedName = "bench-commands" }.CreateConnectionAsync();
        return new CommandSender(connection, await connection.CreateChannelAsync(ConfirmedChannel));
    }

    /// <summary>Publishes every body in order, up to <see cref="ConfirmWindow"/> awaiting their confirms at once.</summary>
    public async Task SendAsync(string queue, IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken)
    {
        var inFlight = new List<ValueTask>(ConfirmWindow);
        foreach (var body in bodies)
        {
            inFlight.Add(_channel.BasicPublishAsync("", queue, mandatory: true, Properties, body, cancellationToken));
            if (inFlight.Count == ConfirmWindow)
            {
                await DrainAsync(inFlight);
            }
        }
        await DrainAsync(inFlight);
    }

    /// <summary>Commands waiting in a queue, not counting those a consumer has taken and not yet acknowledged.</summary>
    public async Task<uint> ReadyAsync(string queue) => (await _channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>
    /// Consumers of a queue now, as the broker counts them in answer to a passive declare: the count the Workers share
    /// HubSpot's budget by (the management API's figure lags by its statistics interval). None while the queue does not
    /// exist yet (the Workers declare it as they start).
    /// </summary>
    public async Task<uint> ConsumersAsync(string queue)
    {
        try
        {
            return (await _channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            // The broker closes a channel whose passive declare names no queue.
            await _channel.DisposeAsync();
            _channel = await _connection.CreateChannelAsync(ConfirmedChannel);
            return 0;
        }
    }

    /// <summary>Drops the commands still waiting in a queue, so a timed-out workload does not run into the next one.</summary>
    public async Task<uint> PurgeAsync(string queue) => await _channel.QueuePurgeAsync(queue);

    private static async Task DrainAsync(List<ValueTask> inFlight)
    {
        foreach (var publish in inFlight)
        {
            await publish;
        }
        inFlight.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
