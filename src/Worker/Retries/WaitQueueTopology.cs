using HubSpotCrm.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.Worker.Retries;

/// <summary>
/// Declares the wait queues with plain RabbitMQ: Debian's broker has no delayed-message plugin, so a delay is a queue
/// with a message TTL whose dead-letter exchange is the command queue's own exchange. They are quorum queues with
/// at-least-once dead-lettering (RabbitMQ 3.10+): a classic queue dead-letters at most once, so a command whose delay
/// ends while the broker restarts or fails over could vanish between the wait queue and its command queue. Declaring
/// is idempotent.
/// </summary>
public sealed class WaitQueueTopology(IOptions<RabbitMqOptions> rabbit, WaitQueues waitQueues, ILogger<WaitQueueTopology> logger)
{
    private const int PreconditionFailed = 406;

    public async Task DeclareAsync(IEnumerable<string> commandQueues, CancellationToken cancellationToken)
    {
        var factory = rabbit.Value.CreateConnectionFactory("hubspot-crm-worker-topology");
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
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
                    channel = await DeclareWaitQueueAsync(connection, channel, name, queue, delay, cancellationToken);
                    await channel.QueueBindAsync(name, name, "", cancellationToken: cancellationToken);
                }
            }
        }
        finally
        {
            await channel.DisposeAsync();
        }
        logger.LogInformation("Wait queues ready: {Delays} for {Queues}", string.Join(", ", waitQueues.Delays), string.Join(", ", commandQueues));
    }

    /// <summary>
    /// The broker will not redeclare a queue with another type: a wait queue left classic by an earlier version is
    /// replaced once it is empty, and kept (it still works, with at-most-once dead-lettering) while it holds commands.
    /// </summary>
    private async Task<IChannel> DeclareWaitQueueAsync(IConnection connection, IChannel channel, string name, string commandQueue, TimeSpan delay,
        CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-message-ttl"] = (long)delay.TotalMilliseconds,
            ["x-dead-letter-exchange"] = commandQueue,
            ["x-dead-letter-strategy"] = "at-least-once",
            // At-least-once dead-lettering requires it: a full queue refuses new messages instead of dropping old ones.
            ["x-overflow"] = "reject-publish",
        };
        try
        {
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
            return channel;
        }
        catch (OperationInterruptedException different) when (different.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            await channel.DisposeAsync();
        }
        channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var existing = await channel.QueueDeclarePassiveAsync(name, cancellationToken);
        if (existing.MessageCount > 0)
        {
            logger.LogWarning("The wait queue {Queue} is a classic queue from an earlier version and holds {Count} commands: it stays classic " +
                              "(at-most-once dead-lettering) until it is empty and the Worker starts again", name, existing.MessageCount);
            return channel;
        }
        await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: true, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        logger.LogInformation("Replaced the empty classic wait queue {Queue} with a quorum queue", name);
        return channel;
    }
}
