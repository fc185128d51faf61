using HubSpotCrm.ServiceDefaults.Hosting;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// Restarts the process (<see cref="SupervisorRestart"/>) when its consumers are stuck in a way MassTransit does not
/// notice and still calls healthy: the broker is connected but a queue this process should consume has had no consumer
/// for two checks in a row, or its consumers hold messages that have not moved for <see cref="RabbitMqOptions.ConsumerStallTimeout"/>.
/// Both follow a broker restart: a publish whose confirm never comes (see <see cref="BrokerOperations"/>) holds its
/// message, and the endpoint never finishes stopping to consume again. The broker's own consumer count is the one
/// thing that tells the first. With other instances consuming the same queue the count cannot be zero, and a stuck
/// instance is then harmless to the work. The broker is asked through <see cref="BrokerAdministration"/>, whose operations
/// are bounded: a check that fails or times out counts as no answer.
/// </summary>
public sealed class ConsumerWatchdog(
    IEnumerable<IConsumedQueues> consumed,
    IBusControl bus,
    ConsumerProgress progress,
    BrokerAdministration administration,
    SupervisorRestart restart,
    IOptions<RabbitMqOptions> options,
    TimeProvider clock,
    ILogger<ConsumerWatchdog> logger) : BackgroundService
{
    private const int StrikesBeforeExit = 2;

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
            if (progress.Stalled(expected, options.Value.ConsumerStallTimeout) is { Count: > 0 } stalled)
            {
                restart.Request($"The consumers of {string.Join(", ", stalled)} hold messages that have not moved for " +
                                $"{options.Value.ConsumerStallTimeout.TotalSeconds:0} s: the bus is stuck");
                return;
            }
            IReadOnlyList<string> idle;
            try
            {
                idle = await QueuesWithoutConsumerAsync(expected, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested &&
                                              exception is BrokerUnreachableException or OperationInterruptedException or IOException or OperationCanceledException or TimeoutException)
            {
                logger.LogDebug("Cannot count consumers now: {Reason}", exception.Message);
                continue;
            }
            strikes = idle.Count == 0 ? 0 : strikes + 1;
            if (strikes >= StrikesBeforeExit)
            {
                restart.Request($"The broker is connected but {string.Join(", ", idle)} has had no consumer for {strikes} checks: the bus is stuck");
                return;
            }
        }
    }

    /// <summary>A queue that is missing counts as one without a consumer.</summary>
    private async Task<IReadOnlyList<string>> QueuesWithoutConsumerAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var idle = new List<string>();
        foreach (var queue in queues)
        {
            if (await administration.QueueAsync(queue, cancellationToken) is not { Consumers: > 0 })
            {
                idle.Add(queue);
            }
        }
        return idle;
    }
}
