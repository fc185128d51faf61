using Serilog;

namespace HubSpotCrm.Api.Diagnostics;

/// <summary>
/// Puts the request id on every log line of an HTTP call and on its request-log event: the route's {id}, or for a
/// submission a new time-ordered id that the submission is then stored under.
/// </summary>
public sealed class RequestIdLoggingMiddleware(RequestDelegate next, IDiagnosticContext diagnostics, ILogger<RequestIdLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = FindRequestId(context);
        if (requestId is null)
        {
            await next(context);
            return;
        }
        context.Features.Set(new RequestIdFeature(requestId.Value));
        diagnostics.Set(RequestIdScope.PropertyName, requestId.Value);
        using (RequestIdScope.Begin(logger, requestId.Value))
        {
            await next(context);
        }
    }

    private static Guid? FindRequestId(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CreatesRequestMetadata>() is not null)
        {
            return Guid.CreateVersion7();
        }
        return context.GetRouteValue("id") is string id && Guid.TryParse(id, out var routeId) ? routeId : null;
    }
}
