using HubSpotCrm.Contracts.Catalogue;
using RabbitMQ.Client;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// A private queue bound to the command exchanges and to the exchanges the Api sends its commands through: every
/// command put on a command queue is copied here, so a test can tell exactly whether anything was published, even while
/// the Worker drains the real queues.
/// </summary>
public sealed class CommandProbe : IAsyncDisposable
{
    public static readonly string[] CommandExchanges = [.. CommandCatalogue.Commands.Select(c => c.Exchange)];

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private CommandProbe(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<CommandProbe> StartAsync(Uri amqpUri, IEnumerable<string>? exchanges = null)
    {
        var connection = await new ConnectionFactory { Uri = amqpUri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in exchanges ?? [.. CommandExchanges, .. CommandExchanges.Select(CommandCatalogue.ApiExchangeOf)])
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        return new CommandProbe(connection, channel, queue);
    }

    /// <summary>Messages copied here so far (the broker's own count, not the management API's delayed statistics).</summary>
    public async Task<uint> CountAsync() => (await _channel.QueueDeclarePassiveAsync(_queue)).MessageCount;

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
