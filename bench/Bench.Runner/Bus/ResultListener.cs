using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HubSpotCrm.Bench.Bus;

/// <summary>
/// A private queue bound to the five result exchanges, as any other subscriber of the service would bind one. Each
/// result event is matched to the command that asked for it by requestId; events of other requests are ignored.
/// </summary>
internal sealed class ResultListener : IAsyncDisposable
{
    public const string ContactUpserted = "hubspot.contact-upserted";
    public const string DealsUpserted = "hubspot.deals-upserted";
    public const string TicketsCreated = "hubspot.tickets-created";
    public static readonly string CompanyUpserted = Contracts.Catalogue.CommandCatalogue.CompanyUpserted.Exchange;
    public const string CommandFailed = "hubspot.command-failed";

    private readonly ConcurrentDictionary<Guid, Expected> _expected = new();
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private long _unmatched;

    private ResultListener(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>What the benchmark is doing, for <see cref="BrokerEvents"/>.</summary>
    public string Phase { get; set; } = "start-up";

    /// <summary>Connection losses, recoveries and flow-control blocks seen on the broker during the run.</summary>
    public ConcurrentQueue<string> BrokerEvents { get; } = new();

    /// <summary>Result events whose requestId no command of the benchmark is waiting for (duplicates, the Api's own requests).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public static async Task<ResultListener> StartAsync(Uri amqpUri)
    {
        var connection = await new ConnectionFactory { Uri = amqpUri, ClientProvidedName = "bench-results" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in new[] { ContactUpserted, DealsUpserted, TicketsCreated, CompanyUpserted, CommandFailed })
        {
            // Declared as MassTransit declares them (durable fanout), so it does not matter who comes first.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        var listener = new ResultListener(connection, channel);
        connection.ConnectionShutdownAsync += (_, e) => e.Initiator == ShutdownInitiator.Application
            ? Task.CompletedTask
            : listener.Note($"connection to RabbitMQ lost ({e.ReplyCode} {e.ReplyText})");
        connection.RecoverySucceededAsync += (_, _) => listener.Note("connection to RabbitMQ recovered");
        connection.ConnectionBlockedAsync += (_, e) => listener.Note($"RabbitMQ blocked publishers ({e.Reason})");
        connection.ConnectionUnblockedAsync += (_, _) => listener.Note("RabbitMQ unblocked publishers");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            listener.OnResult(delivery.Exchange, delivery.Body.Span);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return listener;
    }

    /// <summary>Call before the command is published, so its result can never arrive unexpected.</summary>
    public void Expect(Guid requestId, WorkloadTracker tracker, int objects) => _expected[requestId] = new Expected(tracker, objects);

    /// <summary>Stops waiting for a workload's remaining results (after a timeout).</summary>
    public void Forget(WorkloadTracker tracker)
    {
        foreach (var entry in _expected.Where(e => e.Value.Tracker == tracker))
        {
            _expected.TryRemove(entry.Key, out _);
        }
    }

    private void OnResult(string exchange, ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        // MassTransit's envelope carries the event in "message"; a raw JSON publisher would send the event itself.
        var message = root.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
        if (!message.TryGetProperty("requestId", out var id) || !id.TryGetGuid(out var requestId) ||
            !_expected.TryRemove(requestId, out var expected))
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }

        switch (exchange)
        {
            case ContactUpserted:
                if (message.TryGetProperty("contactId", out var contactId) && contactId.GetString() is { } contact)
                {
                    expected.Tracker.ContactIds.Enqueue(contact);
                }
                expected.Tracker.Record(expected.Objects, 1, null);
                break;
            case DealsUpserted:
                expected.Tracker.Record(expected.Objects, Count(message, "deals"), null);
                break;
            case TicketsCreated:
                expected.Tracker.Record(expected.Objects, Count(message, "tickets"), null);
                break;
            case var _ when exchange == CompanyUpserted:
                expected.Tracker.Record(expected.Objects, 1, null);
                break;
            default:
                var items = Count(message, "items");
                var failed = items > 0 ? items : expected.Objects;
                var code = message.TryGetProperty("code", out var c) ? c.GetString() : "?";
                var reason = message.TryGetProperty("message", out var m) ? m.GetString() : "";
                expected.Tracker.Record(expected.Objects, expected.Objects - failed, $"{code}: {reason}");
                break;
        }
    }

    private Task Note(string what)
    {
        BrokerEvents.Enqueue($"{DateTime.UtcNow:HH:mm:ss} UTC, during {Phase}: {what}");
        return Task.CompletedTask;
    }

    private static int Count(JsonElement message, string array) =>
        message.TryGetProperty(array, out var items) && items.ValueKind == JsonValueKind.Array ? items.GetArrayLength() : 0;

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sealed record Expected(WorkloadTracker Tracker, int Objects);
}
