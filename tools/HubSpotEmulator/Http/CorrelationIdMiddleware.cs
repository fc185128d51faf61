namespace HubSpotEmulator.Http;

/// <summary>
/// Gives each request a correlation id, sent as <c>X-HubSpot-Correlation-Id</c> and used as the body's
/// <c>correlationId</c> in errors. It lives in <see cref="HttpContext.TraceIdentifier"/> so that no per-request state is allocated.
/// </summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var id = Guid.NewGuid().ToString();
        context.TraceIdentifier = id;
        context.Response.Headers["X-HubSpot-Correlation-Id"] = id;
        return next(context);
    }
}
