using HubSpotCrm.Api.Requests;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HubSpotCrm.Api.Batches;

/// <summary>The batches table, and the requests that are a batch's items.</summary>
public sealed class BatchStore(RequestsDbContext db, TimeProvider clock)
{
    private const int RowsPerInsert = 5000;

    /// <summary>A bulk submission's transaction: its rows become visible only once every command is in the broker.</summary>
    public Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(cancellationToken);

    /// <summary>Adds the batch's row; false when it exists already (the same Idempotency-Key and body sent before).</summary>
    public async Task<bool> AddAsync(BatchRecord batch, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO batches (id, kind, client, created_at, item_count, duplicates, rejected, webhook_url)
            VALUES ({batch.Id}, {batch.Kind}, {batch.Client}, {batch.CreatedAt}, {batch.ItemCount}, {batch.Duplicates}::jsonb, {batch.Rejected}::jsonb, {batch.WebhookUrl})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken) == 1;

    /// <summary>
    /// Adds the accepted rows of the batch's requests. A row that exists already is one whose command got through in an
    /// earlier attempt answered 503 and whose result came over the bus before this retry: it joins the batch as it is.
    /// </summary>
    public async Task AddItemsAsync(BatchRecord batch, IReadOnlyList<(Guid Id, int Index)> items, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var chunk in items.Chunk(RowsPerInsert))
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO requests (id, kind, status, source, client, created_at, updated_at, batch_id, batch_index)
                SELECT i.id, @kind, @status, 'api', @client, @now, @now, @batch, i.position
                  FROM unnest(@ids, @positions) AS i(id, position)
                ON CONFLICT (id) DO UPDATE SET batch_id = EXCLUDED.batch_id, batch_index = EXCLUDED.batch_index
                 WHERE requests.batch_id IS NULL
                """,
                [
                    new NpgsqlParameter("kind", batch.Kind),
                    new NpgsqlParameter("status", RequestStatuses.Accepted),
                    new NpgsqlParameter("client", batch.Client),
                    new NpgsqlParameter("now", now),
                    new NpgsqlParameter("batch", batch.Id),
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = chunk.Select(i => i.Id).ToArray() },
                    new NpgsqlParameter("positions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = chunk.Select(i => i.Index).ToArray() },
                ],
                cancellationToken);
        }
    }

    /// <summary>The batch, if <paramref name="viewer"/> may see it: to anyone else it does not exist.</summary>
    public Task<BatchRecord?> FindAsync(Guid id, RequestViewer viewer, CancellationToken cancellationToken) =>
        db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && (viewer.IsOperator || b.Client == viewer.Client), cancellationToken);

    public async Task<BatchProgress> ProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<BatchProgress>($"""
            SELECT count(*) FILTER (WHERE status = 'accepted')::int AS "Accepted",
                   count(*) FILTER (WHERE status = 'succeeded')::int AS "Succeeded",
                   count(*) FILTER (WHERE status = 'failed')::int AS "Failed",
                   max(completed_at) AS "LastCompletedAt"
              FROM requests WHERE batch_id = {id}
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }

    /// <summary>The batch's requests still accepted.</summary>
    public Task<List<Guid>> PendingAsync(Guid id, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking()
            .Where(r => r.BatchId == id && r.Status == RequestStatuses.Accepted)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Its requests in item order from just after <paramref name="afterIndex"/>; one more than asked tells whether a next page exists.</summary>
    public Task<List<RequestRecord>> ItemsAsync(Guid id, int afterIndex, int limit, string? status, CancellationToken cancellationToken)
    {
        var items = db.Requests.AsNoTracking().Where(r => r.BatchId == id && r.BatchIndex > afterIndex);
        if (status is not null)
        {
            items = items.Where(r => r.Status == status);
        }
        return items.OrderBy(r => r.BatchIndex).Take(limit + 1).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> batches created and finished before <paramref name="cutoff"/>, each with
    /// its requests and its Idempotency-Key: a batch goes whole, so its counts never shrink while it can be read.
    /// </summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH expired AS (
                SELECT b.id FROM batches b
                 WHERE b.created_at < {cutoff}
                   AND NOT EXISTS (SELECT 1 FROM requests r
                                    WHERE r.batch_id = b.id AND (r.status = 'accepted' OR r.completed_at >= {cutoff}))
                 ORDER BY b.created_at
                 LIMIT {batchSize}),
            items AS (DELETE FROM requests r USING expired e WHERE r.batch_id = e.id)
            DELETE FROM batches b USING expired e WHERE b.id = e.id
            """, cancellationToken);
}
