using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using HubSpotEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.OAuth;

/// <summary>
/// Issues OAuth access tokens from the configured refresh token, knows the static private-app tokens,
/// and applies run-time revocation. Access tokens survive <c>/_emulator/reset</c> so that a running client keeps working.
/// </summary>
internal sealed class TokenStore(IOptions<EmulatorOptions> options, RuntimeSettingsStore settings, TimeProvider clock)
{
    private const string BadRefreshToken = "BAD_REFRESH_TOKEN";
    private const string BadRefreshTokenMessage = "missing or invalid refresh token";

    private readonly EmulatorOptions configured = options.Value;
    private readonly FrozenDictionary<string, AppIdentity> privateApps = options.Value.PrivateAppTokens
        .Distinct(StringComparer.Ordinal)
        .ToFrozenDictionary(static t => t, static t => new AppIdentity("private-app:" + t, IsPrivateApp: true), StringComparer.Ordinal);

    private readonly AppIdentity oauthApp = new("oauth:" + options.Value.OAuth.ClientId, IsPrivateApp: false);
    private readonly ConcurrentDictionary<string, IssuedAccessToken> accessTokens = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    // Refresh token -> the instant it stops working (null: valid until rotated out).
    private readonly Dictionary<string, long?> refreshTokens = new(StringComparer.Ordinal) { [options.Value.OAuth.RefreshToken] = null };
    private long lastSerial;
    private long revokedUpToSerial = -1;
    private bool privateAppsRevoked;
    private bool refreshRevoked;

    public AuthenticationResult Authenticate(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new AuthenticationResult(AuthenticationOutcome.Invalid, null);
        }

        var token = authorization.AsSpan(Scheme.Length).Trim().ToString();
        if (privateApps.TryGetValue(token, out var privateApp))
        {
            return Volatile.Read(ref privateAppsRevoked)
                ? new AuthenticationResult(AuthenticationOutcome.Invalid, null)
                : new AuthenticationResult(AuthenticationOutcome.Authenticated, privateApp);
        }

        if (!accessTokens.TryGetValue(token, out var issued) || issued.Serial <= Volatile.Read(ref revokedUpToSerial))
        {
            return new AuthenticationResult(AuthenticationOutcome.Invalid, null);
        }

        var overdueMs = clock.GetUtcNow().ToUnixTimeMilliseconds() - issued.ExpiresAtMs;
        return overdueMs >= 0
            ? new AuthenticationResult(AuthenticationOutcome.Expired, null, overdueMs / 60_000)
            : new AuthenticationResult(AuthenticationOutcome.Authenticated, oauthApp);
    }

    public RefreshResult Refresh(string? grantType, string? clientId, string? clientSecret, string? refreshToken)
    {
        if (grantType != "refresh_token")
        {
            return new RefreshResult(null, "BAD_GRANT_TYPE", "The emulator only supports grant_type=refresh_token");
        }

        var oauth = configured.OAuth;
        var runtime = settings.Current.OAuth;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (gate)
        {
            if (clientId != oauth.ClientId || clientSecret != oauth.ClientSecret || refreshRevoked
                || refreshToken is null || !refreshTokens.TryGetValue(refreshToken, out var validUntil) || validUntil <= nowMs)
            {
                return new RefreshResult(null, BadRefreshToken, BadRefreshTokenMessage);
            }

            var returnedRefreshToken = refreshToken;
            if (runtime.RotateRefreshToken)
            {
                // The old tokens keep working for a grace period so that concurrent refreshes do not lock a client out.
                var graceEndsMs = nowMs + (oauth.RefreshTokenGraceSeconds * 1000L);
                foreach (var token in refreshTokens.Keys.ToList())
                {
                    refreshTokens[token] = Math.Min(refreshTokens[token] ?? long.MaxValue, graceEndsMs);
                }

                returnedRefreshToken = Guid.NewGuid().ToString();
                refreshTokens[returnedRefreshToken] = null;
                foreach (var expired in refreshTokens.Where(e => e.Value <= nowMs).Select(static e => e.Key).ToList())
                {
                    refreshTokens.Remove(expired);
                }
            }

            var lifetime = runtime.AccessTokenLifetimeSeconds;
            var accessToken = "CO" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
            accessTokens[accessToken] = new IssuedAccessToken(++lastSerial, nowMs + (lifetime * 1000L));
            return new RefreshResult(new TokenResponse(accessToken, returnedRefreshToken, lifetime, "bearer", "access_token", configured.HubId));
        }
    }

    public IssuedAccessToken? Find(string token) => accessTokens.GetValueOrDefault(token);

    public void Revoke(bool accessTokens, bool refreshToken)
    {
        lock (gate)
        {
            if (accessTokens)
            {
                // Tokens issued later (after a successful refresh) work again, as with a real revocation.
                Volatile.Write(ref revokedUpToSerial, lastSerial);
                Volatile.Write(ref privateAppsRevoked, true);
            }

            refreshRevoked |= refreshToken;
        }
    }

    public void Restore()
    {
        lock (gate)
        {
            LiftRevocations();
        }
    }

    /// <summary>Lifts revocations and makes the configured refresh token valid again; rotated tokens in use stay valid.</summary>
    public void Reset()
    {
        lock (gate)
        {
            LiftRevocations();
            refreshTokens[configured.OAuth.RefreshToken] = null;
        }
    }

    private void LiftRevocations()
    {
        Volatile.Write(ref revokedUpToSerial, -1);
        Volatile.Write(ref privateAppsRevoked, false);
        refreshRevoked = false;
    }
}
