using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// The resilience pipeline's answer to a 401: refresh the token the call carried, then one more attempt. HubSpot says a
/// 401 alone is no proof the token expired, so a second 401 is handed back rather than looping; a source that cannot
/// refresh (a private-app token) hands back the first. The attempt after the refresh goes through the rest of the
/// pipeline like any other, so it takes its own permit from the rate budget and has its own attempt timeout.
/// </summary>
public static class TokenRefreshRetry
{
    public static RetryStrategyOptions<HttpResponseMessage> Options(IAccessTokenSource tokens, ILogger logger) => new()
    {
        Name = "token-refresh",
        MaxRetryAttempts = 1,
        Delay = TimeSpan.Zero,
        ShouldHandle = args => RefreshedAsync(args, tokens),
        OnRetry = _ =>
        {
            logger.LogInformation("HubSpot refused the access token (401); trying once more with a fresh one");
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// Polly asks after the last attempt too: only the first 401 of an attempt refreshes, and it counts only once the
    /// refused token has been replaced.
    /// </summary>
    private static async ValueTask<bool> RefreshedAsync(RetryPredicateArguments<HttpResponseMessage> args, IAccessTokenSource tokens) =>
        args.AttemptNumber == 0 &&
        args.Outcome.Result?.StatusCode == HttpStatusCode.Unauthorized &&
        args.Context.GetRequestMessage()?.Headers.Authorization?.Parameter is { } refused &&
        await tokens.RefreshAsync(refused, args.Context.CancellationToken) is not null;
}
