using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// Ends the process when the broker is connected but a queue this process should consume has had no consumer for two
/// checks in a row. When RabbitMQ goes down while messages are in flight, MassTransit (8.5, RabbitMQ.Client 7) now and
/// then reconnects without ever consuming again, and still calls itself healthy: results would pile up unread and
/// requests stay "accepted" for good. The broker's own consumer count is the one thing that tells. Stopping and
/// starting the bus does not cure it (the stuck endpoint never finishes stopping), a fresh process does: the exit code
/// asks the supervisor (compose's restart policy, systemd, Kubernetes) to start it again, and RabbitMQ hands the
/// unacknowledged messages to the new process. With other instances consuming the same queue the count cannot be
/// zero, and a stuck instance is then harmless to the work.
/// </summary>
public sealed class ConsumerWatchdog(
    IEnumerable<IConsumedQueues> consumed,
    IBusControl bus,
    IHostApplicationLifetime lifetime,
    IOptions<RabbitMqOptions> options,
    TimeProvider clock,
    ILogger<ConsumerWatchdog> logger) : BackgroundService
{
    /// <summary>EX_TEMPFAIL: a temporary failure; starting again is the remedy.</summary>
    public const int ExitCode = 75;

    private const int StrikesBeforeExit = 2;

    /// <summary>A stuck bus may never finish stopping; the process goes anyway after this long.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(20);

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
            if (strikes >= StrikesBeforeExit)
            {
                logger.LogCritical("The broker is connected but {Queues} has had no consumer for {Checks} checks: the bus is stuck. " +
                                   "Exiting with code {ExitCode} so that the supervisor starts the service again",
                    string.Join(", ", idle), strikes, ExitCode);
                Environment.ExitCode = ExitCode;
                lifetime.StopApplication();
                await Task.Delay(ShutdownGrace, clock, CancellationToken.None);
                Environment.Exit(ExitCode);
            }
        }
    }

    /// <summary>A queue that is missing counts as one without a consumer.</summary>
    private async Task<IReadOnlyList<string>> QueuesWithoutConsumerAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var factory = options.Value.CreateConnectionFactory("hubspot-crm-consumer-watchdog");
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
}
