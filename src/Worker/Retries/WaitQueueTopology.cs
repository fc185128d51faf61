using HubSpotCrm.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace HubSpotCrm.Worker.Retries;

/// <summary>
/// Declares the wait queues with plain RabbitMQ: Debian's broker has no delayed-message plugin, so a delay is a queue
/// with a message TTL whose dead-letter exchange is the command queue's own exchange. Declaring is idempotent.
/// </summary>
public sealed class WaitQueueTopology(IOptions<RabbitMqOptions> rabbit, WaitQueues waitQueues, ILogger<WaitQueueTopology> logger)
{
    public async Task DeclareAsync(IEnumerable<string> commandQueues, CancellationToken cancellationToken)
    {
        var factory = rabbit.Value.CreateConnectionFactory("hubspot-crm-worker-topology");
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var queue in commandQueues)
        {
            // The command queue's exchange, as MassTransit declares it, so expired messages always have a way back; and
            // its _error queue, as MassTransit declares it, so refused messages can be moved there before any fault.
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(WaitQueues.ErrorQueue(queue), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            foreach (var delay in waitQueues.Delays)
            {
                var name = WaitQueues.Name(queue, delay);
                await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
                {
                    ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                    ["x-dead-letter-exchange"] = queue,
                }, cancellationToken: cancellationToken);
                await channel.QueueBindAsync(name, name, "", cancellationToken: cancellationToken);
            }
        }
        logger.LogInformation("Wait queues ready: {Delays} for {Queues}", string.Join(", ", waitQueues.Delays), string.Join(", ", commandQueues));
    }
}
