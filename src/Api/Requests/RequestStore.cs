using Microsoft.EntityFrameworkCore;

namespace HubSpotCrm.Api.Requests;

/// <summary>The requests table: what was accepted, and the final state each result event brings.</summary>
public sealed class RequestStore(RequestsDbContext db, TimeProvider clock)
{
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

    /// <summary>Forgets a request whose command never reached the broker, so no row claims it was accepted.</summary>
    public Task RemoveAcceptedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Requests.Where(r => r.Id == id && r.Status == RequestStatuses.Accepted).ExecuteDeleteAsync(cancellationToken);

    public Task<RequestRecord?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>
    /// Records a final state. A request first seen here (its command came straight over the bus) gets a row; a
    /// request already final keeps its first final state, whatever redelivered or duplicate events say.
    /// </summary>
    public Task CompleteAsync(Guid id, string kind, string status, string? resultJson, string? errorJson, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO requests (id, kind, status, source, created_at, updated_at, completed_at, result, error)
            VALUES ({id}, {kind}, {status}, 'bus', {now}, {now}, {now}, {resultJson}::jsonb, {errorJson}::jsonb)
            ON CONFLICT (id) DO UPDATE
               SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, completed_at = EXCLUDED.completed_at,
                   result = EXCLUDED.result, error = EXCLUDED.error
             WHERE requests.status = 'accepted'
            """, cancellationToken);
    }
}
