using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.ServiceDefaults.Messaging.Administration;

/// <summary>
/// What the services do in the broker that MassTransit does not: ask whether a queue exists and how many consumers and
/// messages it has, declare the wait queues of delayed retries, move a refused message to its _error queue and move
/// parked messages back (redrive). All of it goes over one connection of its own beside MassTransit's, opened when
/// first needed, with a channel per operation (a refused declare closes its channel, never the others'). Each
/// operation is bounded by <see cref="RabbitMqOptions.OperationTimeout"/>; a connection that breaks, or does not answer
/// within the bound, is dropped and the next operation opens a new one. RabbitMQ.Client's own recovery is off: it
/// would hold a broken connection open for operations to wait on.
/// </summary>
public sealed class BrokerAdministration(IOptions<RabbitMqOptions> options, string connectionName, ILogger<BrokerAdministration> logger)
    : IAsyncDisposable
{
    private const int NotFound = 404;
    private const int PreconditionFailed = 406;

    private static readonly CreateChannelOptions Confirmed = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    /// <summary>The counts of <paramref name="queue"/>, or null when it does not exist (a passive declare).</summary>
    public Task<QueueCounts?> QueueAsync(string queue, CancellationToken cancellationToken) =>
        RunAsync($"Asking the broker about {queue}", async (connection, token) =>
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
            return await PassiveDeclareAsync(channel, queue, token);
        }, cancellationToken);

    /// <summary>
    /// Declares, for each command queue, the queue and its _error queue, of RabbitMq:QueueType's type, each bound to an
    /// exchange of its name as MassTransit binds them; and its wait queues: quorum queues with a message TTL whose
    /// dead-letter exchange is the command queue's, dead-lettering at least once (RabbitMQ 3.10+), since a
    /// classic queue dead-letters at most once and a command whose delay ends while the broker restarts or fails over
    /// could vanish between the wait queue and its command queue. Debian's broker has no delayed-message plugin to do
    /// it instead. Declaring is idempotent; each command queue is one operation.
    /// </summary>
    public async Task DeclareQueuesAsync(IEnumerable<WaitQueueTopology> topologies, CancellationToken cancellationToken)
    {
        var declared = new List<string>();
        foreach (var topology in topologies)
        {
            await RunAsync($"Declaring the wait queues of {topology.CommandQueue}", async (connection, token) =>
            {
                await DeclareAsync(connection, topology, token);
                return true;
            }, cancellationToken);
            declared.AddRange([topology.CommandQueue, topology.ErrorQueue, .. topology.WaitQueues.Select(w => w.Name)]);
        }
        logger.LogInformation("Queues ready ({QueueType}): {Queues}", options.Value.QueueType, string.Join(", ", declared));
    }

    /// <summary>
    /// Declares each queue of <paramref name="targets"/>, of RabbitMq:QueueType's type, with its exchange (fanout) bound
    /// to it: the way a sender keeps what it sends before the queue's consumer ever ran, without MassTransit declaring
    /// the queue for the send (it would declare it without arguments, a classic queue). Idempotent.
    /// </summary>
    public Task DeclareBoundQueuesAsync(IReadOnlyCollection<(string Exchange, string Queue)> targets, CancellationToken cancellationToken) =>
        RunAsync("Declaring the queues the service sends to", async (connection, token) =>
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
            foreach (var (exchange, queue) in targets)
            {
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: token);
                await DeclareOfConfiguredTypeAsync(channel, queue, token);
                await channel.QueueBindAsync(queue, exchange, "", cancellationToken: token);
            }
            return true;
        }, cancellationToken);

    /// <summary>
    /// Publishes the body of <paramref name="message"/> to <paramref name="errorQueue"/>, mandatory and confirmed, with
    /// <paramref name="fault"/> in its headers and, when <paramref name="withOwnHeaders"/>, the headers it came with.
    /// </summary>
    public Task MoveToErrorQueueAsync(ReceiveContext message, string errorQueue, FaultHeaders fault, bool withOwnHeaders, CancellationToken cancellationToken)
    {
        var original = message.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) ? delivery.Properties : null;
        var headers = withOwnHeaders && original?.Headers is { } own ? new Dictionary<string, object?>(own) : [];
        fault.WriteTo(headers);
        var properties = new BasicProperties
        {
            ContentType = original?.ContentType ?? message.ContentType?.MediaType,
            MessageId = original?.MessageId,
            CorrelationId = original?.CorrelationId,
            Type = original?.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        return RunAsync($"Moving a message to {errorQueue}", async (connection, token) =>
        {
            await using var channel = await connection.CreateChannelAsync(Confirmed, token);
            await channel.BasicPublishAsync("", errorQueue, mandatory: true, properties, message.Body.GetBytes(), token);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Moves up to <paramref name="count"/> messages from <paramref name="errorQueue"/> to <paramref name="exchange"/>
    /// without their fault and retry headers (<see cref="FaultHeaders.IsFaultOrRetry"/>), each taken, published
    /// (mandatory, confirmed) and only then acknowledged, one operation per message. Returns how many moved.
    /// </summary>
    public async Task<int> RedriveAsync(string errorQueue, string exchange, int count, CancellationToken cancellationToken)
    {
        var moved = 0;
        while (moved < count && await RunAsync($"Moving a message from {errorQueue} to {exchange}",
                   (connection, token) => MoveBackAsync(connection, errorQueue, exchange, token), cancellationToken))
        {
            moved++;
        }
        return moved;
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync(Volatile.Read(ref _connection));
        _connecting.Dispose();
    }

    private static async Task<bool> MoveBackAsync(IConnection connection, string errorQueue, string exchange, CancellationToken token)
    {
        await using var channel = await connection.CreateChannelAsync(Confirmed, token);
        if (await channel.BasicGetAsync(errorQueue, autoAck: false, token) is not { } message)
        {
            return false;
        }
        var properties = new BasicProperties(message.BasicProperties)
        {
            Headers = message.BasicProperties.Headers?.Where(h => !FaultHeaders.IsFaultOrRetry(h.Key)).ToDictionary(h => h.Key, h => h.Value),
            DeliveryMode = DeliveryModes.Persistent,
        };
        await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, message.Body, token);
        await channel.BasicAckAsync(message.DeliveryTag, multiple: false, token);
        return true;
    }

    private async Task DeclareAsync(IConnection connection, WaitQueueTopology topology, CancellationToken token)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: token);
        try
        {
            foreach (var queue in new[] { topology.CommandQueue, topology.ErrorQueue })
            {
                await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: token);
                await DeclareOfConfiguredTypeAsync(channel, queue, token);
                await channel.QueueBindAsync(queue, queue, "", cancellationToken: token);
            }
            foreach (var waitQueue in topology.WaitQueues)
            {
                await channel.ExchangeDeclareAsync(waitQueue.Name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: token);
                channel = await DeclareWaitQueueAsync(connection, channel, waitQueue, topology.CommandQueue, token);
                await channel.QueueBindAsync(waitQueue.Name, waitQueue.Name, "", cancellationToken: token);
            }
        }
        finally
        {
            await channel.DisposeAsync();
        }
    }

    /// <summary>
    /// Declared here, before MassTransit declares them as the endpoint's queue and its _error queue, so that a queue an
    /// earlier version left of the other type is named with what to do, instead of MassTransit's endpoint faulting over
    /// and over with the broker's "inequivalent arg" (which closes the channel).
    /// </summary>
    private async Task DeclareOfConfiguredTypeAsync(IChannel channel, string queue, CancellationToken token)
    {
        var type = options.Value.QueueType;
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, BrokerQueueTypes.Arguments(type), cancellationToken: token);
        }
        catch (OperationInterruptedException different) when (different.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            var other = type == BrokerQueueType.Quorum ? BrokerQueueType.Classic : BrokerQueueType.Quorum;
            throw new QueueTypeMismatchException(
                $"The queue {queue} exists in the broker as a {other.ToString().ToLowerInvariant()} queue, and RabbitMq:QueueType is {type}: the broker " +
                $"cannot change a queue's type. Move the queues as the README's \"Moving to quorum queues\" says, or set RabbitMq:QueueType={other}. " +
                $"The broker said: {different.ShutdownReason?.ReplyText}");
        }
    }

    /// <summary>
    /// The broker will not redeclare a queue with another type: a wait queue left classic by an earlier version is
    /// replaced once it is empty, and kept (it still works, with at-most-once dead-lettering) while it holds commands.
    /// </summary>
    private async Task<IChannel> DeclareWaitQueueAsync(IConnection connection, IChannel channel, WaitQueue waitQueue, string commandQueue, CancellationToken token)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-message-ttl"] = (long)waitQueue.Delay.TotalMilliseconds,
            ["x-dead-letter-exchange"] = commandQueue,
            ["x-dead-letter-strategy"] = "at-least-once",
            // At-least-once dead-lettering requires it: a full queue refuses new messages instead of dropping old ones.
            ["x-overflow"] = "reject-publish",
        };
        try
        {
            await channel.QueueDeclareAsync(waitQueue.Name, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: token);
            return channel;
        }
        catch (OperationInterruptedException different) when (different.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            await channel.DisposeAsync();
        }
        channel = await connection.CreateChannelAsync(cancellationToken: token);
        var existing = await PassiveDeclareAsync(channel, waitQueue.Name, token);
        if (existing?.Messages > 0)
        {
            logger.LogWarning("The wait queue {Queue} is a classic queue from an earlier version and holds {Count} commands: it stays classic " +
                              "(at-most-once dead-lettering) until it is empty and the Worker starts again", waitQueue.Name, existing.Messages);
            return channel;
        }
        await channel.QueueDeleteAsync(waitQueue.Name, ifUnused: false, ifEmpty: true, cancellationToken: token);
        await channel.QueueDeclareAsync(waitQueue.Name, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: token);
        logger.LogInformation("Replaced the empty classic wait queue {Queue} with a quorum queue", waitQueue.Name);
        return channel;
    }

    /// <summary>A passive declare of a missing queue closes its channel: the caller's channel is of no use after a null.</summary>
    private static async Task<QueueCounts?> PassiveDeclareAsync(IChannel channel, string queue, CancellationToken token)
    {
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, token);
            return new QueueCounts(declared.MessageCount, declared.ConsumerCount);
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == NotFound)
        {
            return null;
        }
    }

    private async Task<T> RunAsync<T>(string what, Func<IConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var bound = options.Value.OperationTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        IConnection? connection = null;
        try
        {
            return await RunOnConnectionAsync().WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DropAsync(connection);
            throw new TimeoutException($"{what} took longer than {bound.TotalSeconds:0} s (RabbitMq:OperationTimeout).");
        }

        // The broker may have closed the connection (a node going down, an operator in the management UI) before this
        // process has noticed: the operation fails on the dead connection, and runs once more on a new one.
        async Task<T> RunOnConnectionAsync()
        {
            connection = await ConnectionAsync(timeout.Token);
            try
            {
                return await operation(connection, timeout.Token);
            }
            catch (Exception closed) when (closed is not OperationCanceledException && !connection.IsOpen)
            {
                logger.LogWarning("{What}: the broker closed the connection ({Reason}); once more on a new one", what, closed.Message);
                connection = await ConnectionAsync(timeout.Token);
                return await operation(connection, timeout.Token);
            }
        }
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _connection) is { IsOpen: true } open)
            {
                return open;
            }
            await DropAsync(Volatile.Read(ref _connection));
            var factory = options.Value.CreateConnectionFactory(connectionName);
            factory.AutomaticRecoveryEnabled = false;
            var connection = await factory.ConnectAsync(options.Value, cancellationToken);
            Volatile.Write(ref _connection, connection);
            return connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="connection"/> if it is still the current one, and closes it without waiting long on the
    /// broker: one that stopped answering would hold a graceful close for its whole timeout.
    /// </summary>
    private async Task DropAsync(IConnection? connection)
    {
        if (connection is null || Interlocked.CompareExchange(ref _connection, null, connection) != connection)
        {
            return;
        }
        logger.LogDebug("Dropping the broker administration connection {Connection}", connectionName);
        await connection.AbortAsync(TimeSpan.FromSeconds(1));
        await connection.DisposeAsync();
    }
}
