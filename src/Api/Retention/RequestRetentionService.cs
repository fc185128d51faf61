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
        var requests = await DeleteInChunksAsync<RequestStore>((store, size) => store.DeleteFinishedBeforeAsync(cutoff, size, cancellationToken), settings, cancellationToken);
        metrics.RequestsDeleted(requests);
        if (requests > 0)
        {
            logger.LogInformation("Deleted {Count} requests that finished before {Cutoff:O}", requests, cutoff);
        }
        var batches = await DeleteInChunksAsync<BatchStore>((store, size) => store.DeleteFinishedBeforeAsync(cutoff, size, cancellationToken), settings, cancellationToken);
        if (batches > 0)
        {
            logger.LogInformation("Deleted {Count} bulk submissions, with their items, that finished before {Cutoff:O}", batches, cutoff);
        }
        var callbacks = await DeleteInChunksAsync<WebhookDeliveryStore>((store, size) => store.DeleteFinishedBeforeAsync(cutoff, size, cancellationToken), settings, cancellationToken);
        if (callbacks > 0)
        {
            logger.LogInformation("Deleted {Count} delivered or parked callbacks last attempted before {Cutoff:O}", callbacks, cutoff);
        }
    }

    /// <summary>Deletes a chunk at a time, each in a scope of its own, until a chunk comes back short.</summary>
    private async Task<long> DeleteInChunksAsync<TStore>(Func<TStore, int, Task<int>> deleteChunk, RetentionOptions settings, CancellationToken cancellationToken)
        where TStore : notnull
    {
        long total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            deleted = await deleteChunk(scope.ServiceProvider.GetRequiredService<TStore>(), settings.BatchSize);
            total += deleted;
        }
        while (deleted == settings.BatchSize && !cancellationToken.IsCancellationRequested);
        return total;
    }
}
