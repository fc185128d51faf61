using HubSpotCrm.Api.Requests;
using Microsoft.EntityFrameworkCore;

namespace HubSpotCrm.Api.Idempotency;

/// <summary>The idempotency_keys table: which request or batch each client's key created.</summary>
public sealed class IdempotencyStore(RequestsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Claims <paramref name="key"/> for its request or batch, or returns the one that already holds it. One
    /// statement does both, so two concurrent submits with the same key cannot both win: the second waits on the
    /// unique key until the first transaction ends, then sees its row (committed) or claims the key (rolled back).
    /// Call it inside the transaction that inserts the request (or batch) row. A row PostgreSQL just inserted has no deleting
    /// transaction (xmax 0); one the conflict branch touched has ours, which is how the two cases are told apart.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyRecord key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Database.SqlQuery<IdempotencyClaim>($"""
            INSERT INTO idempotency_keys (client, key, kind, body_hash, request_id, batch_id, created_at)
            VALUES ({key.Client}, {key.Key}, {key.Kind}, {key.BodyHash}, {key.RequestId}, {key.BatchId}, {now})
            ON CONFLICT (client, key) DO UPDATE SET client = EXCLUDED.client
            RETURNING request_id AS "RequestId", batch_id AS "BatchId", kind AS "Kind", body_hash AS "BodyHash", (xmax = 0) AS "Claimed"
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }
}
