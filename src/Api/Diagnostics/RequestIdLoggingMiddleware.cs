using HubSpotCrm.Api.Idempotency;
using Serilog;

namespace HubSpotCrm.Api.Diagnostics;

/// <summary>
/// Puts the request id on every log line of an HTTP call and on its request-log event: the route's {id}, or for a
/// submission the id it is then stored under: derived from the caller's Idempotency-Key when it sends a usable one
/// (so that a retry is the same request), else a new time-ordered id. It runs after authentication, which names the
/// client a key belongs to.
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
            var keys = context.Request.Headers[IdempotencyKey.HeaderName];
            return context.User.Identity is { IsAuthenticated: true, Name: { } client } && keys.Count == 1 && IdempotencyKey.IsValid(keys[0]!)
                ? IdempotencyKey.RequestIdFor(client, keys[0]!)
                : Guid.CreateVersion7();
        }
        return context.GetRouteValue("id") is string id && Guid.TryParse(id, out var routeId) ? routeId : null;
    }
}
