using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HubSpotCrm.ServiceDefaults.Health;

public static class HealthEndpointExtensions
{
    /// <summary>Tag of the checks that decide readiness (MassTransit tags its bus check "ready" too).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// /health/live answers while the process runs; /health/ready runs every check tagged "ready" and says which
    /// one failed and why, so an operator reading it knows what to fix. Middleware, not endpoints: it answers exactly
    /// these paths, and a host without endpoint routing (<see cref="Hosting.HealthAndMetricsHost"/>) serves them too.
    /// </summary>
    public static IApplicationBuilder UseHealthEndpoints(this IApplicationBuilder app)
    {
        app.UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReport });
        app.UseHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        });
        return app;
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
