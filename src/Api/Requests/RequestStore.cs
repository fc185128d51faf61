using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Waiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>Adds the accepted row; false when a row with this id already exists (see <see cref="Idempotency.IdempotencyKey.RequestIdFor"/>).</summary>
    public async Task<bool> AddAcceptedAsync(Guid id, string kind, string client, string? webhookUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var added = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO requests (id, kind, status, source, client, created_at, updated_at, webhook_url)
            VALUES ({id}, {kind}, {RequestStatuses.Accepted}, 'api', {client}, {now}, {now}, {webhookUrl})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        return added == 1;
    }

    /// <summary>Adds the accepted rows of submissions admitted together, in one statement.</summary>
    public Task AddAcceptedAsync(IReadOnlyList<AcceptedRequest> requests, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("""
            INSERT INTO requests (id, kind, status, source, client, created_at, updated_at, webhook_url)
            SELECT r.id, r.kind, @status, 'api', r.client, @now, @now, r.webhook_url
              FROM unnest(@ids, @kinds, @clients, @webhooks) AS r(id, kind, client, webhook_url)
            """,
            [
                new NpgsqlParameter("status", RequestStatuses.Accepted),
                new NpgsqlParameter("now", clock.GetUtcNow()),
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = requests.Select(r => r.Id).ToArray() },
                new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = requests.Select(r => r.Kind).ToArray() },
                new NpgsqlParameter("clients", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = requests.Select(r => r.Client).ToArray() },
                new NpgsqlParameter("webhooks", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = requests.Select(r => r.WebhookUrl).ToArray() },
            ],
            cancellationToken);

    /// <summary>Takes rows back inside their submission's transaction: their commands never reached a queue.</summary>
    public Task DeleteAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        db.Requests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The request, if <paramref name="viewer"/> may see it: to anyone else it does not exist.</summary>
    public Task<RequestRecord?> FindAsync(Guid id, RequestViewer viewer, CancellationToken cancellationToken) =>
        VisibleTo(viewer).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Newest first, from just after <paramref name="after"/>; one more row than asked tells whether a next page exists.</summary>
    public Task<List<RequestRecord>> ListAsync(RequestListQuery query, RequestViewer viewer, CancellationToken cancellationToken)
    {
        var requests = VisibleTo(viewer);
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

    private IQueryable<RequestRecord> VisibleTo(RequestViewer viewer) => viewer.IsOperator
        ? db.Requests.AsNoTracking()
        : db.Requests.AsNoTracking().Where(r => r.Client == viewer.Client);

    /// <summary>
    /// Records final states, many in one statement, and wakes whoever waits for them here. A request first seen here
    /// (its command came straight over the bus) gets a row; a request already final keeps its first final state,
    /// whatever redelivered or duplicate events say.
    /// </summary>
    public async Task CompleteAsync(IReadOnlyCollection<RequestCompletion> completed, CancellationToken cancellationToken)
    {
        // One row per request: PostgreSQL refuses to update a row twice in one statement.
        var distinct = completed.DistinctBy(c => c.Id).ToList();
        if (distinct.Count == 0)
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO requests (id, kind, status, source, client, created_at, updated_at, completed_at, result, error)
            SELECT c.id, c.kind, c.status, 'bus', c.client, @now, @now, @now, c.result::jsonb, c.error::jsonb
              FROM unnest(@ids, @kinds, @statuses, @clients, @results, @errors) AS c(id, kind, status, client, result, error)
            ON CONFLICT (id) DO UPDATE
               SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, completed_at = EXCLUDED.completed_at,
                   result = EXCLUDED.result, error = EXCLUDED.error
             WHERE requests.status = 'accepted'
            """,
            [
                new NpgsqlParameter("now", clock.GetUtcNow()),
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = distinct.Select(c => c.Id).ToArray() },
                new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = distinct.Select(c => c.Kind).ToArray() },
                new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = distinct.Select(c => c.Status).ToArray() },
                new NpgsqlParameter("clients", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = distinct.Select(c => c.Client).ToArray() },
                new NpgsqlParameter("results", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = distinct.Select(c => c.Result).ToArray() },
                new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = distinct.Select(c => c.Error).ToArray() },
            ],
            cancellationToken);
        foreach (var completion in distinct)
        {
            metrics.ResultRecorded(completion.Kind, completion.Status);
            completions.Notify(completion.Id);
        }
    }

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> requests that finished before <paramref name="cutoff"/>, oldest first.
    /// A bulk submission's items go with their batch (<see cref="Batches.BatchStore.DeleteFinishedBeforeAsync"/>).
    /// </summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.Requests
            .Where(r => r.BatchId == null && r.CompletedAt < cutoff && (r.Status == RequestStatuses.Succeeded || r.Status == RequestStatuses.Failed))
            .OrderBy(r => r.CompletedAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
}
