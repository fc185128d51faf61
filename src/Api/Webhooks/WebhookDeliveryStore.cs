using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Requests;
using Microsoft.EntityFrameworkCore;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// The webhook_deliveries table: each callback's state, and which final requests and batches still need one. Attempts
/// are written by <see cref="WebhookAttemptRecorder"/>.
/// </summary>
public sealed class WebhookDeliveryStore(RequestsDbContext db, TimeProvider clock)
{
    /// <summary>Parks a callback without an attempt (its client lost its secret, its endpoint stayed busy): the status says why.</summary>
    public Task ParkUnattemptedAsync(DeliverWebhook delivery, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO webhook_deliveries (id, subject, state, attempts, last_error, updated_at)
            VALUES ({delivery.Id}, {delivery.Subject}, {WebhookStates.Parked}, 0, {reason}, {now})
            ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, last_error = EXCLUDED.last_error, next_attempt_at = NULL, updated_at = EXCLUDED.updated_at
             WHERE webhook_deliveries.state <> 'delivered'
            """, cancellationToken);
    }

    /// <summary>Makes a parked callback pending again, to be sent anew; false when it is not parked.</summary>
    public async Task<bool> ReopenParkedAsync(Guid id, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries
            .Where(d => d.Id == id && d.State == WebhookStates.Parked)
            .ExecuteUpdateAsync(d => d
                .SetProperty(x => x.State, WebhookStates.Pending)
                .SetProperty(x => x.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), cancellationToken) == 1;

    /// <summary>Undoes <see cref="ReopenParkedAsync"/> when the callback could not be queued again.</summary>
    public Task ReparkAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.Id == id && d.State == WebhookStates.Pending)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.State, WebhookStates.Parked), cancellationToken);

    public Task<WebhookDeliveryRecord?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>The callback state of a request or batch, read only when it has a callback target.</summary>
    public async Task<WebhookDeliveryRecord?> OfAsync(Guid id, string? webhookUrl, CancellationToken cancellationToken) =>
        webhookUrl is null ? null : await FindAsync(id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, WebhookDeliveryRecord>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? new Dictionary<Guid, WebhookDeliveryRecord>()
            : await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);

    /// <summary>Of <paramref name="ids"/>, the final requests with a callback target whose callback was never attempted.</summary>
    public Task<List<RequestRecord>> FinalRequestsAwaitingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.WebhookUrl != null && r.Status != RequestStatuses.Accepted
                        && !db.WebhookDeliveries.Any(d => d.Id == r.Id))
            .ToListAsync(cancellationToken);

    /// <summary>The batches an item of <paramref name="ids"/> belongs to that have a callback target, are completed and were never attempted.</summary>
    public Task<List<BatchRecord>> CompletedBatchesAwaitingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Batches.AsNoTracking()
            .Where(b => b.WebhookUrl != null
                        && db.Requests.Any(r => ids.Contains(r.Id) && r.BatchId == b.Id)
                        && !db.Requests.Any(r => r.BatchId == b.Id && r.Status == RequestStatuses.Accepted)
                        && !db.WebhookDeliveries.Any(d => d.Id == b.Id))
            .ToListAsync(cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> delivered or parked callbacks last touched before <paramref name="cutoff"/>.</summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.WebhookDeliveries
            .Where(d => d.UpdatedAt < cutoff && (d.State == WebhookStates.Delivered || d.State == WebhookStates.Parked))
            .OrderBy(d => d.UpdatedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
}
