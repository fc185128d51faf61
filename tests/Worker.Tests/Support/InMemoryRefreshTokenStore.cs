using HubSpotCrm.Worker.HubSpot.Auth;

namespace HubSpotCrm.Worker.Tests.Support;

/// <summary>
/// The refresh-token store as the broker keeps it, in memory, for Worker instances in one test to share: one record,
/// held by one lease at a time; a taker that waits too long finds it empty.
/// </summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly SemaphoreSlim _free = new(1, 1);

    /// <summary>The sealed record as the broker would hold it.</summary>
    public byte[]? Record { get; private set; }

    public int Replacements { get; private set; }

    /// <summary>Makes the next takes fail, as when the broker cannot be reached.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Makes replacing fail, as when the broker goes away during a lease.</summary>
    public bool RefusesReplacement { get; set; }

    public async Task<IRefreshTokenLease> TakeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new IOException("The broker cannot be reached.");
        }
        return await _free.WaitAsync(wait, cancellationToken) ? new Lease(this, Record, Holds: true) : new Lease(this, null, Holds: false);
    }

    /// <summary>Holds the record as another instance would while it refreshes.</summary>
    public async Task<IRefreshTokenLease> HoldAsync() => await TakeAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <param name="Holds">False when the wait ran out: like an empty queue, the lease can still publish a record.</param>
    private sealed class Lease(InMemoryRefreshTokenStore store, byte[]? record, bool Holds) : IRefreshTokenLease
    {
        public byte[]? Record => record;

        public Task ReplaceAsync(byte[] replacement, CancellationToken cancellationToken)
        {
            if (store.RefusesReplacement)
            {
                throw new IOException("The broker went away.");
            }
            store.Record = replacement;
            store.Replacements++;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (Holds)
            {
                store._free.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
