using System.Text;
using HubSpotCrm.Contracts.Catalogue;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// The broker as the previous version left it: every queue of the services classic, each bound from the fanout exchange
/// of its name as MassTransit declares a receive endpoint, the message-type exchanges bound to those exchanges, the
/// Api's send exchanges bound to the Worker's queues; plus queues the migration must leave as they are.
/// </summary>
public static class ClassicTopology
{
    public const string MessageTypeExchange = "HubSpotCrm.Contracts.Commands:UpsertContact";
    public const string WebhookQueue = "hubspot.webhook-delivery.acme";
    public const string FaultHeader = "MT-Fault-Message";

    public static readonly string CommandQueue = CommandCatalogue.UpsertContact.Queue;
    public static readonly string ErrorQueue = CommandQueue + "_error";
    public static readonly string ApiExchange = CommandCatalogue.ApiExchangeOf(CommandQueue);

    /// <summary>What the script moves: the services' queues, their _error and _skipped queues.</summary>
    public static IReadOnlyList<string> Moved { get; } =
    [
        .. CommandCatalogue.Commands.SelectMany(c => new[] { c.Queue, c.Queue + "_error", c.Queue + "_skipped" }),
        CommandCatalogue.GetNewObjectsQueue,
        CommandCatalogue.RequestStatusQueue, CommandCatalogue.RequestStatusQueue + "_error",
        WebhookQueue, WebhookQueue + "_error",
    ];

    /// <summary>A wait queue, quorum already, that the Worker replaces itself.</summary>
    public static readonly string WaitQueue = CommandQueue + "_retry-10s";

    /// <summary>A wait queue an even older version left classic: the Worker replaces it once it is empty.</summary>
    public static readonly string ClassicWaitQueue = CommandCatalogue.UpsertDeals.Queue + "_retry-1m";

    /// <summary>Classic with arguments of its own, declared so by the Worker.</summary>
    public const string RefreshTokenQueue = "hubspot.oauth-refresh-token";

    /// <summary>A publisher's own queue for result events: not the service's.</summary>
    public const string PublisherQueue = "hubspot-publisher.contact-results";

    public static IReadOnlyList<string> LeftAlone { get; } = [WaitQueue, ClassicWaitQueue, RefreshTokenQueue, PublisherQueue];

    public static async Task DeclareAsync(IChannel channel)
    {
        foreach (var queue in Moved)
        {
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, queue, "");
        }
        foreach (var command in CommandCatalogue.Commands)
        {
            await channel.ExchangeDeclareAsync($"HubSpotCrm.Contracts.Commands:{command.MessageType.Name}", ExchangeType.Fanout, durable: true);
            await channel.ExchangeBindAsync(command.Exchange, $"HubSpotCrm.Contracts.Commands:{command.MessageType.Name}", "");
            await channel.ExchangeDeclareAsync(CommandCatalogue.ApiExchangeOf(command.Queue), ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(command.Queue, CommandCatalogue.ApiExchangeOf(command.Queue), "");
        }
        foreach (var result in CommandCatalogue.Events)
        {
            await channel.ExchangeDeclareAsync(result.Exchange, ExchangeType.Fanout, durable: true);
            await channel.ExchangeBindAsync(CommandCatalogue.RequestStatusQueue, result.Exchange, "");
        }
        // A binding with a routing key and arguments, which a fanout binding has none of: it must come back as it was.
        await channel.ExchangeDeclareAsync("hubspot.test-routing", ExchangeType.Headers, durable: true);
        await channel.QueueBindAsync(CommandQueue, "hubspot.test-routing", "contacts", new Dictionary<string, object?> { ["x-match"] = "any", ["kind"] = "contact" });

        await channel.ExchangeDeclareAsync(WaitQueue, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(WaitQueue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-message-ttl"] = 3_600_000L,
            ["x-dead-letter-exchange"] = CommandQueue,
            ["x-dead-letter-strategy"] = "at-least-once",
            ["x-overflow"] = "reject-publish",
        });
        await channel.QueueBindAsync(WaitQueue, WaitQueue, "");
        await channel.QueueDeclareAsync(ClassicWaitQueue, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-message-ttl"] = 3_600_000L, ["x-dead-letter-exchange"] = CommandCatalogue.UpsertDeals.Queue });
        await channel.QueueDeclareAsync(RefreshTokenQueue, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "drop-head" });
        await channel.QueueDeclareAsync(PublisherQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(PublisherQueue, CommandCatalogue.ContactUpserted.Exchange, "");
        foreach (var queue in LeftAlone)
        {
            await PublishAsync(channel, "", queue, Guid.NewGuid());
        }
    }

    /// <summary>Publishes persistent messages, each confirmed (and refused if no queue takes it); returns their message ids.</summary>
    public static async Task<IReadOnlyList<Guid>> PublishAsync(IChannel channel, string exchange, string routingKey, int count,
        IDictionary<string, object?>? headers = null)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            await PublishAsync(channel, exchange, routingKey, id, headers);
            ids.Add(id);
        }
        return ids;
    }

    public static async Task PublishAsync(IChannel channel, string exchange, string routingKey, Guid id, IDictionary<string, object?>? headers = null)
    {
        var properties = new BasicProperties
        {
            MessageId = id.ToString(),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, Encoding.UTF8.GetBytes($$"""{"requestId":"{{id}}"}"""));
    }

    /// <summary>Takes every message out of a queue: the message ids in the order they came, with the given header's value.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string? Header)>> DrainAsync(IChannel channel, string queue, string header = FaultHeader)
    {
        var taken = new List<(Guid, string?)>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            var value = message.BasicProperties.Headers?.TryGetValue(header, out var raw) == true && raw is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
            taken.Add((Guid.Parse(message.BasicProperties.MessageId!), value));
        }
        return taken;
    }
}
