using System.Net;
using HubSpotCrm.Worker.HubSpot.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace HubSpotCrm.Worker.HubSpot.Resilience;

/// <summary>
/// The Polly pipeline around every HubSpot call: a total time bound, then retries that wait as each HubSpot failure
/// asks, then the rate budget (a permit per attempt, so retries are paid for too), then a per-attempt timeout.
/// </summary>
public static class HubSpotResiliencePipeline
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        var retry = services.GetRequiredService<IOptions<HubSpotRetryOptions>>().Value;
        var hubSpot = services.GetRequiredService<IOptions<HubSpotOptions>>().Value;
        var budget = services.GetRequiredService<HubSpotRateBudget>();
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
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context.CancellationToken),
                DelayGenerator = args => DelayAsync(args.Outcome, retry, args.Context.CancellationToken),
                OnRetry = args =>
                {
                    logger.LogWarning("HubSpot call failed ({Outcome}); retry {Attempt} in {DelayMs} ms",
                        Describe(args.Outcome), args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => budget.AcquireAsync(
                    args.Context.GetRequestMessage() ?? throw new InvalidOperationException("No request message in the resilience context."),
                    args.Context.CancellationToken),
            })
            .AddTimeout(hubSpot.AttemptTimeout);
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }
        var response = outcome.Result!;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => await RateLimitPolicies.ReadAsync(response, cancellationToken) != RateLimitPolicy.Daily,
            HttpStatusCode.Locked or HttpStatusCode.RequestTimeout => true,
            >= HttpStatusCode.InternalServerError => true,
            _ => false,
        };
    }

    /// <summary>Null means "use the exponential backoff".</summary>
    private static async ValueTask<TimeSpan?> DelayAsync(Outcome<HttpResponseMessage> outcome, HubSpotRetryOptions retry, CancellationToken cancellationToken)
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
            HttpStatusCode.TooManyRequests => await RateLimitPolicies.ReadAsync(response, cancellationToken) switch
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
