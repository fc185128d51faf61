using System.Net;
using System.Net.Http.Json;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// OAuth access tokens from the refresh-token grant. One token is shared by every caller and replaced shortly before
/// it expires; when several callers find it stale at once, only one of them refreshes and the others use its result.
/// If HubSpot rotates the refresh token, the new one is used from then on.
/// </summary>
public sealed class OAuthTokenSource(
    IHttpClientFactory httpClients,
    IOptions<HubSpotOptions> options,
    TimeProvider clock,
    WorkerMetrics metrics,
    ILogger<OAuthTokenSource> logger) : IAccessTokenSource, IDisposable
{
    public const string HttpClientName = "hubspot-oauth";

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private string _refreshToken = options.Value.RefreshToken!;
    private volatile AccessToken? _current;

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
        try
        {
            var current = _current;
            if (current is not null && current.Value != staleToken && clock.GetUtcNow() < current.RefreshAt)
            {
                return current.Value;
            }

            var token = await RequestTokenAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var lifetime = TimeSpan.FromSeconds(token.ExpiresIn);
            var margin = TimeSpan.FromTicks(Math.Min(options.Value.RefreshBeforeExpiry.Ticks, lifetime.Ticks / 5));
            _current = new AccessToken(token.AccessToken, now + lifetime - margin);
            if (!string.IsNullOrEmpty(token.RefreshToken) && token.RefreshToken != _refreshToken)
            {
                _refreshToken = token.RefreshToken;
                logger.LogInformation("HubSpot rotated the refresh token; the new one is used from now on");
            }
            metrics.TokenRefreshed();
            logger.LogInformation("Refreshed the HubSpot access token; it expires in {ExpiresInSeconds} s", token.ExpiresIn);
            return token.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task<TokenResponse> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.Value.ClientId!,
            ["client_secret"] = options.Value.ClientSecret!,
            ["refresh_token"] = _refreshToken,
        });
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).PostAsync("oauth/v1/token", form, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new HubSpotTransientException("HubSpot's token endpoint could not be reached.", exception);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync(HubSpotJsonContext.Default.TokenResponse, cancellationToken)
                    ?? throw new HubSpotTransientException("HubSpot's token endpoint answered with an empty body.");
            }
            var body = await HubSpotErrors.ReadBodyAsync(response, cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new HubSpotUnavailableException(HubSpotUnavailableReason.Authentication,
                    $"HubSpot refused the OAuth refresh token ({body.Status ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {body.Message}). " +
                    "Set a valid HubSpot:RefreshToken, ClientId and ClientSecret.");
            }
            throw new HubSpotTransientException($"HubSpot's token endpoint answered {(int)response.StatusCode}: {body.Message}");
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private sealed record AccessToken(string Value, DateTimeOffset RefreshAt);
}
