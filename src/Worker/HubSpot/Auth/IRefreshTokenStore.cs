namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// Keeps the refresh token HubSpot rotated to where every Worker instance, and the next start, find it. The store holds
/// one sealed record it cannot read. Taking the record is a lease: while one instance refreshes, the others find the
/// store empty and wait, so two instances never spend the same refresh token at once.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>
    /// Takes the record, waiting up to <paramref name="wait"/> while another instance holds it. The lease is empty when
    /// nothing is kept yet or the wait ran out.
    /// </summary>
    Task<IRefreshTokenLease> TakeAsync(TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>The record while this instance holds it. Ending the lease without <see cref="ReplaceAsync"/> keeps the record as it was.</summary>
public interface IRefreshTokenLease : IAsyncDisposable
{
    /// <summary>The sealed record, or null when the store was empty.</summary>
    byte[]? Record { get; }

    /// <summary>Keeps <paramref name="record"/> instead, durably, once this returns.</summary>
    Task ReplaceAsync(byte[] record, CancellationToken cancellationToken);
}
