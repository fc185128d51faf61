using System.Threading.Channels;
using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Requests;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// Admits the submissions that arrive together as one group: one transaction, one INSERT for all their rows, their
/// commands sent side by side, and one COMMIT once every confirm is in. Per submission that saves two of the three
/// database round trips and most of the commit's flush, which is where a single submit's time went under load. What a
/// 202 means does not change: the row is committed and the command confirmed. A command the broker refuses fails its
/// own submission only: its row is deleted inside the transaction and the others commit. A submission that waits finds
/// a group at once when the Api is idle, so grouping adds no latency then. Submissions with an Idempotency-Key take the
/// path of <see cref="SubmissionHandler"/>, which claims the key in its own transaction.
/// </summary>
public sealed class GroupAdmission(
    IServiceScopeFactory scopes,
    CommandPublisher publisher,
    IOptions<GroupAdmissionOptions> options,
    ILogger<GroupAdmission> logger) : BackgroundService
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });

    /// <summary>Completes once the request's row is committed and its command confirmed; throws what stopped either.</summary>
    public Task AdmitAsync<TCommand>(Guid requestId, string kind, string client, string? webhookUrl, TCommand command)
        where TCommand : class
    {
        var pending = new Pending(requestId, kind, client, webhookUrl, () => publisher.SendAsync(command, client, CancellationToken.None));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The Api is shutting down and admits no more submissions.");
        }
        return pending.Admitted.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => AdmitGroupsAsync()));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Kestrel has drained its requests by now; whatever is still queued is admitted before the Api stops.
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task AdmitGroupsAsync()
    {
        var group = new List<Pending>(options.Value.MaxGroupSize);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < options.Value.MaxGroupSize && _pending.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }
            if (group.Count == 0)
            {
                continue;
            }
            try
            {
                await AdmitAsync(group);
            }
            catch (Exception exception)
            {
                foreach (var pending in group)
                {
                    pending.Admitted.TrySetException(exception);
                }
            }
            group.Clear();
        }
    }

    private async Task AdmitAsync(List<Pending> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<RequestStore>();
        await using var transaction = await store.BeginSubmissionAsync(CancellationToken.None);
        await store.AddAcceptedAsync([.. group.Select(p => new AcceptedRequest(p.RequestId, p.Kind, p.Client, p.WebhookUrl))], CancellationToken.None);
        var sends = group.Select(p => p.Send()).ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        catch (BrokerUnavailableException)
        {
            // Looked at one by one below.
        }
        var refused = group.Where((_, i) => !sends[i].IsCompletedSuccessfully).ToList();
        if (refused.Count == group.Count)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        else
        {
            if (refused.Count > 0)
            {
                await store.DeleteAsync([.. refused.Select(p => p.RequestId)], CancellationToken.None);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (sends[i].IsCompletedSuccessfully)
            {
                group[i].Admitted.TrySetResult();
            }
            else
            {
                group[i].Admitted.TrySetException(sends[i].Exception!.InnerException!);
            }
        }
        if (refused.Count > 0)
        {
            logger.LogDebug("Admitted {Admitted} of a group of {Count} submissions; the broker refused the others", group.Count - refused.Count, group.Count);
        }
    }

    private sealed record Pending(Guid RequestId, string Kind, string Client, string? WebhookUrl, Func<Task> Send)
    {
        public TaskCompletionSource Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
