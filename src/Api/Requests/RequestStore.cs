using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Waiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HubSpotCrm.Api.Requests;

/// <summary>The requests table: what was accepted, and the final state each result event brings.</summary>
public sealed class RequestStore(RequestsDbContext db, TimeProvider clock, RequestCompletionSignals completions, ApiMetrics metrics)
{
    /// <summary>
    /// A submission's transaction: its row becomes visible only once the command is in the broker, and vanishes
    /// with a rollback when it never got there.
    /// </summary>
    public Task<IDbContextTransaction> BeginSubmissionAsync(CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(cancellationToken);

    public async Task AddAcceptedAsync(Guid id, string kind, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.Requests.Add(new RequestRecord
        {
            Id = id,
            Kind = kind,
            Status = RequestStatuses.Accepted,
            Source = "api",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<RequestRecord?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Newest first, from just after <paramref name="after"/>; one more row than asked tells whether a next page exists.</summary>
    public Task<List<RequestRecord>> ListAsync(RequestListQuery query, CancellationToken cancellationToken)
    {
        var requests = db.Requests.AsNoTracking();
        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }
        if (query.Kind is { } kind)
        {
            requests = requests.Where(r => r.Kind == kind);
        }
        if (query.Since is { } since)
        {
            requests = requests.Where(r => r.CreatedAt >= since);
        }
        if (query.After is { } after)
        {
            requests = requests.Where(r => EF.Functions.LessThan(
                ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }
        return requests
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(query.Limit + 1)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records a final state and wakes whoever waits for it here. A request first seen here (its command came
    /// straight over the bus) gets a row; a request already final keeps its first final state, whatever redelivered
    /// or duplicate events say.
    /// </summary>
    public async Task CompleteAsync(Guid id, string kind, string status, string? resultJson, string? errorJson, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO requests (id, kind, status, source, created_at, updated_at, completed_at, result, error)
            VALUES ({id}, {kind}, {status}, 'bus', {now}, {now}, {now}, {resultJson}::jsonb, {errorJson}::jsonb)
            ON CONFLICT (id) DO UPDATE
               SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, completed_at = EXCLUDED.completed_at,
                   result = EXCLUDED.result, error = EXCLUDED.error
             WHERE requests.status = 'accepted'
            """, cancellationToken);
        metrics.ResultRecorded(kind, status);
        completions.Notify(id);
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> requests that finished before <paramref name="cutoff"/>, oldest first.</summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.Requests
            .Where(r => r.CompletedAt < cutoff && (r.Status == RequestStatuses.Succeeded || r.Status == RequestStatuses.Failed))
            .OrderBy(r => r.CompletedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
}
