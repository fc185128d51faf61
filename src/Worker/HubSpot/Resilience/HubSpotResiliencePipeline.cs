using System.Net;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace HubSpotCrm.Worker.HubSpot.Resilience;

/// <summary>
/// The one Polly pipeline around every HubSpot call, outermost first: a total time bound; retries that wait as each
/// HubSpot failure asks; on a 401, one token refresh and one more attempt (<see cref="TokenRefreshRetry"/>); the rate
/// budget, a permit per attempt, so retries and the attempt after a refresh are paid for too; a per-attempt timeout.
/// Every answer it sees has been read once by <see cref="HubSpotCallObserver"/>, so a 429's policy is looked up, not parsed.
/// </summary>
public static class HubSpotResiliencePipeline
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        var retry = services.GetRequiredService<IOptions<HubSpotRetryOptions>>().Value;
        var hubSpot = services.GetRequiredService<IOptions<HubSpotOptions>>().Value;
        var budget = services.GetRequiredService<HubSpotRateBudget>();
        var tokens = services.GetRequiredService<IAccessTokenSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubSpotResiliencePipeline));

        pipeline
            .AddTimeout(retry.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(DelayOf(args.Outcome, retry)),
                OnRetry = args =>
                {
                    logger.LogWarning("HubSpot call failed ({Outcome}); retry {Attempt} in {DelayMs} ms",
                        Describe(args.Outcome), args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddRetry(TokenRefreshRetry.Options(tokens, logger))
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => budget.AcquireAsync(
                    args.Context.GetRequestMessage() ?? throw new InvalidOperationException("No request message in the resilience context."),
                    args.Context.CancellationToken),
            })
            .AddTimeout(hubSpot.AttemptTimeout);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }
        var response = outcome.Result!;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => HubSpotErrorContent.Of(response).Policy != RateLimitPolicy.Daily,
            HttpStatusCode.Locked or HttpStatusCode.RequestTimeout => true,
            >= HttpStatusCode.InternalServerError => true,
            _ => false,
        };
    }

    /// <summary>Null means "use the exponential backoff".</summary>
    private static TimeSpan? DelayOf(Outcome<HttpResponseMessage> outcome, HubSpotRetryOptions retry)
    {
        var response = outcome.Result;
        if (response is null)
        {
            return null;
        }
        if (response.Headers.RetryAfter?.Delta is { } retryAfter)
        {
            return retryAfter;
        }
        return response.StatusCode switch
        {
            HttpStatusCode.Locked => retry.LockedDelay,
            HttpStatusCode.TooManyRequests => HubSpotErrorContent.Of(response).Policy switch
            {
                RateLimitPolicy.Secondly => retry.SecondlyDelay,
                _ => WindowOf(response),
            },
            _ => null,
        };
    }

    /// <summary>A ten-secondly 429 means the window is full: wait until all of it has rolled over.</summary>
    private static TimeSpan WindowOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-HubSpot-RateLimit-Interval-Milliseconds", out var values) &&
        int.TryParse(values.FirstOrDefault(), out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : DefaultWindow;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? exception.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
