using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// Restarts the bus when the broker is connected but a queue this process should consume has no consumer at all.
/// When RabbitMQ goes down while messages are in flight, MassTransit (8.5, RabbitMQ.Client 7) now and then reconnects
/// without ever consuming again, and still calls itself healthy: results would pile up unread and requests stay
/// "accepted" for good. The broker's own consumer count is the one thing that tells. It is checked twice in a row, so
/// a normal reconnect in progress is left alone; with other instances of the service consuming the same queue the
/// count cannot be zero, and a stuck instance is then harmless to the work.
/// </summary>
public sealed class ConsumerWatchdog(
    IBusControl bus,
    IEnumerable<IConsumedQueues> consumed,
    IOptions<RabbitMqOptions> options,
    TimeProvider clock,
    ILogger<ConsumerWatchdog> logger) : BackgroundService
{
    private const int StrikesBeforeRestart = 2;
    /// <summary>
    /// A stuck endpoint takes its time to stop (MassTransit waits 20 s for the cancel of its dead consumer, then for
    /// the old connection), and a stop cut short leaves the bus half-stopped: starting it again would not restart the
    /// endpoints. So the stop gets minutes, not seconds.
    /// </summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var strikes = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.ConsumerCheckInterval, clock, stoppingToken);
            var expected = consumed.SelectMany(c => c.Expected).Distinct().ToList();
            if (expected.Count == 0 || bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                strikes = 0;
                continue;
            }
            IReadOnlyList<string> idle;
            try
            {
                idle = await QueuesWithoutConsumerAsync(expected, stoppingToken);
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException or IOException)
            {
                logger.LogDebug("Cannot count consumers now: {Reason}", exception.Message);
                continue;
            }
            strikes = idle.Count == 0 ? 0 : strikes + 1;
            if (strikes >= StrikesBeforeRestart)
            {
                logger.LogWarning("The broker is connected but {Queues} has had no consumer for {Checks} checks; restarting the bus",
                    string.Join(", ", idle), strikes);
                await RestartBusAsync(stoppingToken);
                strikes = 0;
            }
        }
    }

    /// <summary>A queue that is missing counts as one without a consumer: starting the bus declares it again.</summary>
    private async Task<IReadOnlyList<string>> QueuesWithoutConsumerAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = options.Value.Uri, ClientProvidedName = "hubspot-crm-consumer-watchdog" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var idle = new List<string>();
        foreach (var queue in queues)
        {
            // A passive declare of a missing queue closes its channel, so each queue gets its own.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                if ((await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount == 0)
                {
                    idle.Add(queue);
                }
            }
            catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
            {
                idle.Add(queue);
            }
        }
        return idle;
    }

    private async Task RestartBusAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var stopTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            stopTimeout.CancelAfter(StopTimeout);
            await bus.StopAsync(stopTimeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError("The bus did not stop within {Seconds} s; trying to start it anyway", StopTimeout.TotalSeconds);
        }
        await bus.StartAsync(stoppingToken);
        logger.LogInformation("Bus restarted; consuming again");
    }
}
