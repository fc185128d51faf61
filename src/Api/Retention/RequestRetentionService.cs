using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Retention;

/// <summary>
/// Deletes finished requests, bulk submissions and callbacks older than the retention age, a chunk at a time, every interval. With several Api
/// instances each runs it; the deletes do not conflict, they only share the work.
/// </summary>
public sealed class RequestRetentionService(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ApiMetrics metrics,
    ILogger<RequestRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeleteExpiredAsync(settings, stoppingToken);
            }
            catch (Exception exception) when (DatabaseOutage.Is(exception))
            {
                logger.LogWarning("Request retention skipped a run: the database is unavailable ({Reason})", exception.GetBaseException().Message);
            }
            await Task.Delay(settings.Interval, clock, stoppingToken);
        }
    }

    private async Task DeleteExpiredAsync(RetentionOptions settings, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - settings.Age;
        long total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<RequestStore>();
            deleted = await store.DeleteFinishedBeforeAsync(cutoff, settings.BatchSize, cancellationToken);
            total += deleted;
            metrics.RequestsDeleted(deleted);
        }
        while (deleted == settings.BatchSize && !cancellationToken.IsCancellationRequested);
        if (total > 0)
        {
            logger.LogInformation("Deleted {Count} requests that finished before {Cutoff:O}", total, cutoff);
        }
        var batches = 0;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            deleted = await scope.ServiceProvider.GetRequiredService<BatchStore>().DeleteFinishedBeforeAsync(cutoff, settings.BatchSize, cancellationToken);
            batches += deleted;
        }
        while (deleted == settings.BatchSize && !cancellationToken.IsCancellationRequested);
        if (batches > 0)
        {
            logger.LogInformation("Deleted {Count} bulk submissions, with their items, that finished before {Cutoff:O}", batches, cutoff);
        }
        var callbacks = 0;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            deleted = await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>().DeleteFinishedBeforeAsync(cutoff, settings.BatchSize, cancellationToken);
            callbacks += deleted;
        }
        while (deleted == settings.BatchSize && !cancellationToken.IsCancellationRequested);
        if (callbacks > 0)
        {
            logger.LogInformation("Deleted {Count} delivered or parked callbacks last attempted before {Cutoff:O}", callbacks, cutoff);
        }
    }
}
