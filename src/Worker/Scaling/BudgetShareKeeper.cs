using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using HubSpotCrm.Worker.Availability;
using HubSpotCrm.Worker.HubSpot.RateLimiting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Scaling;

/// <summary>
/// Shares HubSpot's budget among the Workers of one account without a share set by hand: every interval it asks the
/// broker how many consumers each command queue has (each Worker holds one per queue it consumes), and takes 1/N of
/// the budget, N being the most of them. RabbitMQ already knows who is alive: a Worker that joins is counted once its
/// queues are connected, one that dies is dropped as soon as its connection closes (at the latest after the heartbeat
/// timeout), so the others' shares change within one of HubSpot's 10 s windows. A Worker pausing some queues still
/// counts through the others; one paused entirely calls HubSpot no more, and the others take its part. Off when
/// HubSpot:RateLimits:Share is configured.
/// </summary>
public sealed class BudgetShareKeeper(
    IEnumerable<CommandEndpoint> endpoints,
    BrokerAdministration administration,
    HubSpotRateBudget budget,
    IOptions<HubSpotRateLimitOptions> limits,
    IOptions<BudgetSharingOptions> options,
    TimeProvider clock,
    ILogger<BudgetShareKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (limits.Value.Share is { } fixedShare)
        {
            logger.LogInformation("Taking the configured {Share:0.###} of HubSpot's budget (HubSpot:RateLimits:Share)", fixedShare);
            return;
        }
        var queues = endpoints.Select(e => e.Queue).ToList();
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                var workers = await CountWorkersAsync(queues, stoppingToken);
                budget.Resize(1.0 / workers);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The broker is away: nobody's count changes meanwhile that we could learn of; keep the share.
                logger.LogDebug("Could not count the Workers sharing HubSpot's budget ({Reason}); keeping {Share:0.###}", exception.Message, budget.Share);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> CountWorkersAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var most = 1L;
        foreach (var queue in queues)
        {
            if (await administration.QueueAsync(queue, cancellationToken) is { } counts)
            {
                most = Math.Max(most, counts.Consumers);
            }
        }
        return (int)most;
    }
}
