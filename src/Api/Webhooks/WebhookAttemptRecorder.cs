using System.Threading.Channels;
using HubSpotCrm.Api.Requests;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Records the attempts made at the same moment together: one statement, one commit for all of them, where each attempt
/// of its own would cost PostgreSQL a statement and a commit per delivery, most of the database's share of a callback.
/// Each attempt's consumer waits until its row is written, so a delivery is acknowledged only once its state is
/// stored. A callback attempted twice in one group (a duplicate message) is written in a second statement, since one
/// statement may not update a row twice.
/// </summary>
public sealed class WebhookAttemptRecorder(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    private const int MaxGroupSize = 500;
    private const int Writers = 2;

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>();

    /// <summary>
    /// Completes once the attempt is stored. A delivered callback stays delivered: an attempt of a duplicate delivery
    /// message, which at-least-once allows, cannot turn it back into failing or parked.
    /// </summary>
    public Task RecordAsync(DeliverWebhook delivery, string state, WebhookAttempt attempt, DateTimeOffset? nextAttemptAt)
    {
        var pending = new Pending(delivery.Id, delivery.Subject, state, attempt, nextAttemptAt, clock.GetUtcNow());
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The Api is shutting down and records no more attempts.");
        }
        return pending.Stored.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteGroupsAsync()));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<Pending>(MaxGroupSize);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroupSize && _pending.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }
            while (group.Count > 0)
            {
                var distinct = group.DistinctBy(p => p.Id).ToList();
                try
                {
                    await WriteAsync(distinct);
                    distinct.ForEach(p => p.Stored.TrySetResult());
                }
                catch (Exception exception)
                {
                    distinct.ForEach(p => p.Stored.TrySetException(exception));
                }
                var written = distinct.ToHashSet(ReferenceEqualityComparer.Instance);
                group = [.. group.Where(p => !written.Contains(p))];
            }
        }
    }

    private async Task WriteAsync(List<Pending> attempts)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RequestsDbContext>();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO webhook_deliveries (id, subject, state, attempts, last_attempt_at, response_status, last_error, next_attempt_at, delivered_at, updated_at)
            SELECT a.id, a.subject, a.state, 1, a.at, a.status, a.error, a.next_at,
                   CASE WHEN a.state = 'delivered' THEN a.at END, a.at
              FROM unnest(@ids, @subjects, @states, @ats, @statuses, @errors, @nexts) AS a(id, subject, state, at, status, error, next_at)
            ON CONFLICT (id) DO UPDATE
               SET state = EXCLUDED.state, attempts = webhook_deliveries.attempts + 1, last_attempt_at = EXCLUDED.last_attempt_at,
                   response_status = EXCLUDED.response_status, last_error = EXCLUDED.last_error,
                   next_attempt_at = EXCLUDED.next_attempt_at, delivered_at = EXCLUDED.delivered_at, updated_at = EXCLUDED.updated_at
             WHERE webhook_deliveries.state <> 'delivered'
            """,
            [
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = attempts.Select(a => a.Id).ToArray() },
                new NpgsqlParameter("subjects", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attempts.Select(a => a.Subject).ToArray() },
                new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attempts.Select(a => a.State).ToArray() },
                new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = attempts.Select(a => a.At).ToArray() },
                new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = attempts.Select(a => a.Attempt.ResponseStatus).ToArray() },
                new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attempts.Select(a => a.Attempt.Error).ToArray() },
                new NpgsqlParameter("nexts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = attempts.Select(a => a.NextAttemptAt).ToArray() },
            ],
            CancellationToken.None);
    }

    private sealed record Pending(Guid Id, string Subject, string State, WebhookAttempt Attempt, DateTimeOffset? NextAttemptAt, DateTimeOffset At)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
