using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Waiting;

/// <summary>
/// With several Api instances, the result of a request may be recorded by another instance than the one a caller
/// waits on. One query per interval, for all waited requests together, finds those and wakes their waiters.
/// </summary>
public sealed class RequestCompletionPoller(
    RequestCompletionSignals signals,
    IServiceScopeFactory scopes,
    IOptions<WaitOptions> options,
    TimeProvider clock,
    ILogger<RequestCompletionPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.DatabasePollInterval, clock, stoppingToken);
            var waited = signals.Waited();
            if (waited.Count == 0)
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RequestsDbContext>();
                var finished = await db.Requests
                    .Where(r => waited.Contains(r.Id) && r.Status != RequestStatuses.Accepted)
                    .Select(r => r.Id)
                    .ToListAsync(stoppingToken);
                foreach (var id in finished)
                {
                    signals.Notify(id);
                }
            }
            catch (Exception exception) when (DatabaseOutage.Is(exception))
            {
                // The waiters' own requests answer 503 or time out; one line per poll would flood the log.
                logger.LogDebug(exception, "Could not poll {Count} waited requests", waited.Count);
            }
        }
    }
}
