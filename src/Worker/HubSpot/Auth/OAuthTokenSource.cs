using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// OAuth access tokens from the refresh-token grant. One token is shared by every caller and replaced shortly before
/// it expires; when several callers find it stale at once, only one of them refreshes and the others use its result.
/// <para>
/// HubSpot may rotate the refresh token. The newest one is kept in the <see cref="IRefreshTokenStore"/>, which every
/// instance reads before it refreshes and holds while it does, so instances go on from each other's rotations and a
/// restart goes on from the last one. A kept token counts only if it descends from the configured HubSpot:RefreshToken.
/// </para>
/// <para>
/// A token request is sent again only when it provably never reached HubSpot. Once HubSpot has been seen to rotate, a
/// request whose answer was lost leaves its refresh token in doubt: it may have been replaced by one nobody received,
/// and reusing a replaced token can make an authorization server revoke the app's whole grant. Such a token is never
/// sent again, by this instance, another one or a restart; the Worker pauses until an operator sets a new refresh token.
/// </para>
/// </summary>
public sealed class OAuthTokenSource(
    IHttpClientFactory httpClients,
    IRefreshTokenStore store,
    IOptions<HubSpotOptions> options,
    TimeProvider clock,
    WorkerMetrics metrics,
    ILogger<OAuthTokenSource> logger) : IAccessTokenSource, IAsyncDisposable
{
    public const string HttpClientName = "hubspot-oauth";

    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FirstKeepRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastKeepRetry = TimeSpan.FromSeconds(30);

    private readonly HubSpotOptions _options = options.Value;
    private readonly RefreshTokenSeal _seal = new(options.Value);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();

    // Guarded by _refreshGate.
    private RefreshTokenState _refresh = new(options.Value.RefreshToken!, InDoubt: false);
    private bool _looked;
    private RefreshTokenState? _kept;
    private bool _unkept;
    private bool _rotates;
    private RecordOrigin? _ignored;
    private Task _keepingLater = Task.CompletedTask;

    private volatile AccessToken? _current;
    private int _disposed;

    /// <summary>How long to wait for another instance that holds the stored token while it refreshes.</summary>
    private TimeSpan LeaseWait => (2 * _options.AttemptTimeout) + TimeSpan.FromSeconds(5);

    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() < current.RefreshAt)
        {
            return current.Value;
        }
        return await RefreshAsync(current?.Value, cancellationToken);
    }

    async ValueTask<string?> IAccessTokenSource.RefreshAsync(string rejectedToken, CancellationToken cancellationToken) =>
        await RefreshAsync(rejectedToken, cancellationToken);

    private async Task<string> RefreshAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        var current = _current;
        if (current is not null && current.Value != staleToken && clock.GetUtcNow() < current.RefreshAt)
        {
            _refreshGate.Release();
            return current.Value;
        }

        // A caller that stops waiting does not stop the refresh: its answer must not be lost, HubSpot may spend the refresh token on it.
        return await RefreshAndReleaseAsync().WaitAsync(cancellationToken);
    }

    private async Task<string> RefreshAndReleaseAsync()
    {
        try
        {
            return await RefreshWithLeaseAsync();
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task<string> RefreshWithLeaseAsync()
    {
        string? refusedToken = null;
        HubSpotUnavailableException? refusal = null;
        while (true)
        {
            // Until HubSpot has been seen to rotate, nothing is kept and nobody holds it: there is no one to wait for. Waiting
            // then would only hold up the callers, whose own timeouts would hide a refusal as a transient failure.
            await using var lease = await TakeAsync(_rotates ? LeaseWait : TimeSpan.Zero);
            Look(lease.Record);
            if (refusal is not null && _refresh.Token == refusedToken)
            {
                throw refusal;
            }
            if (_refresh.InDoubt)
            {
                await KeepAsync(lease);
                throw InDoubt();
            }

            var sent = _refresh.Token;
            switch (await RequestTokenAsync(sent))
            {
                case TokenIssued issued:
                    var accessToken = Accept(issued.Response, sent);
                    await KeepAsync(lease);
                    return accessToken;

                // Another instance may have rotated the token while this one held nothing: try what the store holds now, once.
                case TokenRefused refused when refusal is null && lease.Record is null:
                    (refusedToken, refusal) = (sent, refused.Exception);
                    continue;
                case TokenRefused refused:
                    throw refused.Exception;

                case TokenAnswerLost lost when _rotates:
                    _refresh = _refresh with { InDoubt = true };
                    _unkept = true;
                    logger.LogError("HubSpot's answer to a token request was lost ({What}) after the request was sent; its refresh token is in doubt and is never sent again", lost.What);
                    await KeepAsync(lease);
                    throw InDoubt();
                case TokenAnswerLost lost:
                    throw new HubSpotTransientException(
                        $"HubSpot's token endpoint did not answer ({lost.What}). HubSpot has not been seen to rotate this app's refresh tokens, so the refresh is tried again later.",
                        lost.Exception);

                case TokenNotUsed notUsed:
                    throw new HubSpotTransientException($"HubSpot's token endpoint could not be used: {notUsed.What}.", notUsed.Exception);

                default:
                    throw new UnreachableException();
            }
        }
    }

    private async Task<IRefreshTokenLease> TakeAsync(TimeSpan wait)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
        timeout.CancelAfter(wait + StoreTimeout);
        try
        {
            return await store.TakeAsync(wait, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_disposing.IsCancellationRequested)
        {
            throw new HubSpotTransientException($"The stored HubSpot refresh token cannot be read ({exception.GetType().Name}), so no token is refreshed.", exception);
        }
    }

    /// <summary>
    /// Takes in what the store holds. A record another instance (or an earlier run) wrote is newer than this instance's
    /// token, unless this instance rotated since it last looked and has not kept the result yet.
    /// </summary>
    private void Look(byte[]? record)
    {
        var opened = record is null ? null : _seal.Open(record);
        if (opened is { Origin: not RecordOrigin.ConfiguredRefreshToken } && opened.Origin != _ignored)
        {
            logger.LogWarning("Ignoring the stored HubSpot refresh token: {Why}. Using HubSpot:RefreshToken; its rotations replace the stored one",
                opened.Origin == RecordOrigin.OtherRefreshToken
                    ? "it descends from another HubSpot:RefreshToken than the one configured now"
                    : "it does not open with this HubSpot:ClientId and ClientSecret");
        }
        _ignored = opened?.Origin;

        var stored = opened?.State;
        var changedElsewhere = !_looked || stored != _kept;
        _looked = true;
        _kept = stored;
        if (stored is null)
        {
            return;
        }
        _rotates = true;
        if (_unkept && !changedElsewhere)
        {
            return;
        }
        _unkept = false;
        if (stored.Token != _refresh.Token)
        {
            logger.LogInformation("Using the refresh token another Worker, or an earlier run, received from HubSpot");
        }
        _refresh = stored;
    }

    private string Accept(TokenResponse token, string sent)
    {
        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn);
        var margin = TimeSpan.FromTicks(Math.Min(_options.RefreshBeforeExpiry.Ticks, lifetime.Ticks / 5));
        _current = new AccessToken(token.AccessToken, clock.GetUtcNow() + lifetime - margin);
        if (!string.IsNullOrEmpty(token.RefreshToken) && token.RefreshToken != sent)
        {
            _rotates = true;
            _refresh = new RefreshTokenState(token.RefreshToken, InDoubt: false);
            _unkept = true;
            logger.LogInformation("HubSpot rotated the refresh token; the new one is kept for every Worker and the next start");
        }
        metrics.TokenRefreshed();
        logger.LogInformation("Refreshed the HubSpot access token; it expires in {ExpiresInSeconds} s", token.ExpiresIn);
        return token.AccessToken;
    }

    /// <summary>Writes this instance's token to the store if it is newer; when the store fails, keeps trying in the background.</summary>
    private async Task KeepAsync(IRefreshTokenLease lease)
    {
        if (!_unkept)
        {
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
            timeout.CancelAfter(StoreTimeout);
            await lease.ReplaceAsync(_seal.Seal(_refresh), timeout.Token);
            _kept = _refresh;
            _unkept = false;
        }
        catch (Exception exception) when (!_disposing.IsCancellationRequested)
        {
            LogKeepFailed(exception.GetType().Name);
            if (_keepingLater.IsCompleted)
            {
                _keepingLater = KeepLaterAsync();
            }
        }
    }

    private async Task KeepLaterAsync()
    {
        for (var delay = FirstKeepRetry; !_disposing.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastKeepRetry.Ticks)))
        {
            try
            {
                await Task.Delay(delay, clock, _disposing.Token);
                await _refreshGate.WaitAsync(_disposing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (!_unkept)
                {
                    return;
                }
                await using var lease = await TakeAsync(LeaseWait);
                Look(lease.Record);
                await KeepAsync(lease);
                if (!_unkept)
                {
                    logger.LogInformation("Kept the rotated HubSpot refresh token after all");
                    return;
                }
            }
            catch (HubSpotTransientException exception)
            {
                LogKeepFailed(exception.InnerException?.GetType().Name ?? exception.GetType().Name);
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                _refreshGate.Release();
            }
        }
    }

    private async Task<TokenOutcome> RequestTokenAsync(string refreshToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = _options.ClientId!,
            ["client_secret"] = _options.ClientSecret!,
            ["refresh_token"] = refreshToken,
        });
        HttpResponseMessage response;
        try
        {
            // Not cancelled by any caller; the pipeline's attempt timeout bounds it.
            response = await httpClients.CreateClient(HttpClientName).PostAsync("oauth/v1/token", form, CancellationToken.None);
        }
        catch (Exception exception) when (TokenRequestFailures.NeverSent(exception))
        {
            return new TokenNotUsed("it could not be reached", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException or OperationCanceledException)
        {
            return new TokenAnswerLost(exception is HttpRequestException ? "the connection failed after the request was sent" : "no answer in time", exception);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var token = await response.Content.ReadFromJsonAsync(HubSpotJsonContext.Default.TokenResponse, CancellationToken.None);
                    return token is { AccessToken.Length: > 0 }
                        ? new TokenIssued(token)
                        : new TokenAnswerLost("an answer without an access token", null);
                }
                catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
                {
                    return new TokenAnswerLost("an answer that could not be read", exception);
                }
            }
            var body = await HubSpotErrors.ReadBodyAsync(response, CancellationToken.None);
            var status = body.Status ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return new TokenRefused(new HubSpotUnavailableException(HubSpotUnavailableReason.Authentication,
                    $"HubSpot refused the OAuth refresh token ({(refreshToken == _options.RefreshToken ? "the configured one" : "the one it rotated to")}; {status}: {body.Message}). " +
                    "Set a valid HubSpot:RefreshToken, ClientId and ClientSecret."));
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new TokenNotUsed($"it answered 429 ({body.Message})", null);
            }
            return new TokenAnswerLost($"it answered {(int)response.StatusCode} ({body.Message})", null);
        }
    }

    private HubSpotUnavailableException InDoubt() => new(HubSpotUnavailableReason.Authentication,
        "A token request reached HubSpot but its answer was lost, and HubSpot rotates this app's refresh tokens: the refresh token " +
        "may have been replaced by one the Worker never received, so it is not sent again (reusing a replaced token can revoke the " +
        "app's authorization). Authorize the app again, set the new HubSpot:RefreshToken on every Worker and restart them.");

    /// <summary>Idempotent: the container disposes it once as itself and once as <see cref="IAccessTokenSource"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _disposing.CancelAsync();
        await _keepingLater;
        _disposing.Dispose();
        _refreshGate.Dispose();
    }

    private void LogKeepFailed(string failure) => logger.LogWarning(
        "Could not keep the rotated HubSpot refresh token ({Failure}); trying again in the background. Until then a restart or another Worker does not find it",
        failure);

    private sealed record AccessToken(string Value, DateTimeOffset RefreshAt);

    private abstract record TokenOutcome;

    private sealed record TokenIssued(TokenResponse Response) : TokenOutcome;

    /// <summary>HubSpot answered that it does not take this refresh token: it was not used.</summary>
    private sealed record TokenRefused(HubSpotUnavailableException Exception) : TokenOutcome;

    /// <summary>The request went out and no usable answer came back: HubSpot may have used the refresh token.</summary>
    private sealed record TokenAnswerLost(string What, Exception? Exception) : TokenOutcome;

    /// <summary>The request never reached HubSpot, or HubSpot refused it before looking at the token (429).</summary>
    private sealed record TokenNotUsed(string What, Exception? Exception) : TokenOutcome;
}
