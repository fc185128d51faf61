using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.Publishing;
using Microsoft.AspNetCore.Diagnostics;

namespace HubSpotCrm.Api.Problems;

/// <summary>
/// Turns "a dependency is away" into 503 with Retry-After, so callers retry later instead of treating a broker or
/// database outage as their own fault (4xx) or as a bug in the service (500).
/// </summary>
public sealed class ServiceUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<ServiceUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var dependency = Classify(exception);
        if (dependency is null)
        {
            return false;
        }

        // The submission may have moved on to the id its Idempotency-Key stands for; the log line carries that one.
        using (httpContext.Features.Get<RequestIdFeature>() is { } request ? RequestIdScope.Begin(logger, request.RequestId) : null)
        {
            logger.LogWarning("Answering 503: the {Dependency} is unavailable ({Reason})", dependency, exception.GetBaseException().Message);
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = HttpMethods.IsPost(httpContext.Request.Method)
                    ? $"The {dependency} is unavailable; the request was not accepted. Retry in {RetryAfterSeconds} seconds with the same " +
                      $"{IdempotencyKey.HeaderName}: should this attempt have reached the queue after all, the retry lands on the same request."
                    : $"The {dependency} is unavailable. Retry in {RetryAfterSeconds} seconds.",
            },
        });
    }

    private static string? Classify(Exception exception) => exception switch
    {
        BrokerUnavailableException => "message broker",
        _ when DatabaseOutage.Is(exception) => "database",
        _ => null,
    };
}
