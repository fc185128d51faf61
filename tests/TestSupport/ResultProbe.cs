using System.Text.Json;
using HubSpotCrm.Contracts.Catalogue;
using RabbitMQ.Client;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// A private queue bound to the result exchanges: every result event the Worker publishes is copied here, so a test
/// sees each event a command got (a duplicate too), not only the one final status the Api records per request.
/// </summary>
public sealed class ResultProbe : IAsyncDisposable
{
    public static readonly string[] ResultExchanges = [.. CommandCatalogue.Events.Select(e => e.Exchange)];

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly List<ResultEvent> _received = [];

    private ResultProbe(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<ResultProbe> StartAsync(Uri amqpUri)
    {
        var connection = await new ConnectionFactory { Uri = amqpUri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in ResultExchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        return new ResultProbe(connection, channel, queue);
    }

    /// <summary>Every event copied here so far whose request is one of <paramref name="requestIds"/>.</summary>
    public async Task<IReadOnlyList<ResultEvent>> ForAsync(IReadOnlyCollection<Guid> requestIds)
    {
        while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var root = envelope.RootElement;
            var type = root.GetProperty("messageType").EnumerateArray().First().GetString()!;
            _received.Add(new ResultEvent(type[(type.LastIndexOf(':') + 1)..], root.GetProperty("message").Clone()));
        }
        return [.. _received.Where(e => requestIds.Contains(e.RequestId))];
    }

    /// <summary>Waits until the requests have at least <paramref name="count"/> events, and returns them all.</summary>
    public Task<IReadOnlyList<ResultEvent>> WaitForAsync(IReadOnlyCollection<Guid> requestIds, int count) =>
        Eventually.GetAsync(() => ForAsync(requestIds), events => events.Count >= count, $"{count} result events");

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>One result event: its type (ContactUpserted, DealsUpserted, TicketsCreated, CommandFailed) and its message.</summary>
public sealed record ResultEvent(string Type, JsonElement Message)
{
    public Guid RequestId => Message.GetProperty("requestId").GetGuid();

    public override string ToString() => $"{Type} {Message.GetRawText()}";
}
