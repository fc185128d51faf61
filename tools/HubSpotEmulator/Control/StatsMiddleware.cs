using HubSpotEmulator.Http;

namespace HubSpotEmulator.Control;

/// <summary>Counts every CRM and OAuth call with its final status; the control API is not counted.</summary>
internal sealed class StatsMiddleware(RequestDelegate next, EmulatorStats stats)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiSurfaces.Of(context) == ApiSurface.Control)
        {
            await next(context);
            return;
        }

        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            // An exception escaping the pipeline becomes a 500 later, in the server.
            var status = completed || context.Response.HasStarted ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
            stats.Record(RouteKeys.For(context), status, context.RequestAborted.IsCancellationRequested);
        }
    }
}
