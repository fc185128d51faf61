using Serilog;
using Serilog.Events;

namespace HubSpotCrm.Api.Diagnostics;

public static class RequestLoggingExtensions
{
    /// <summary>
    /// One log event per HTTP call (method, path, status, time; plus RequestId and Client when known). Health and
    /// metrics scrapes are logged at Debug, so they do not drown the calls that matter; a 503 (a dependency is away)
    /// at Warning, since the service itself did nothing wrong. Headers and bodies are never
    /// logged: they carry API keys and personal data.
    /// </summary>
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = (context, _, exception) => (exception, context.Response.StatusCode) switch
            {
                (not null, _) => LogEventLevel.Error,
                (_, StatusCodes.Status503ServiceUnavailable) => LogEventLevel.Warning,
                (_, >= 500) => LogEventLevel.Error,
                _ when IsInfrastructure(context.Request.Path) => LogEventLevel.Debug,
                _ => LogEventLevel.Information,
            };
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                if (context.User.Identity is { IsAuthenticated: true, Name: { } client })
                {
                    diagnostics.Set("Client", client);
                }
            };
        });

    public static IApplicationBuilder UseRequestIdLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestIdLoggingMiddleware>();

    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
