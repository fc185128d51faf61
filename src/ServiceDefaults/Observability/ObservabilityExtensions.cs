using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HubSpotCrm.ServiceDefaults.Observability;

public static class ObservabilityExtensions
{
    /// <summary>MassTransit's ActivitySource and Meter: traces follow a command from the Api through RabbitMQ into the Worker.</summary>
    private const string MassTransitSource = "MassTransit";

    private static readonly PathString MetricsPath = "/metrics";

    /// <summary>
    /// OpenTelemetry metrics (ASP.NET Core, HttpClient, MassTransit, runtime and <paramref name="meters"/>), scraped from
    /// /metrics in Prometheus format; Metrics:ApiKey makes /metrics need a key. When OTEL_EXPORTER_OTLP_ENDPOINT is set,
    /// metrics also go out over OTLP, and so do traces of ASP.NET Core, HttpClient and MassTransit.
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder, string[] meters)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        if (otlp)
        {
            // Only with somewhere to send them: a trace recorded for nobody still cost every request, message and
            // HubSpot call an Activity with its tags, and the Worker a few MB of peak memory.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(MassTransitSource)
                .AddOtlpExporter());
        }
        telemetry
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(MassTransitSource)
                    .AddMeter(meters)
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }

    /// <summary>
    /// /metrics in Prometheus' text format; with Metrics:ApiKey set, only for a scraper that sends the key. Middleware
    /// answering exactly this path, as the health endpoints are (<see cref="Health.HealthEndpointExtensions.UseHealthEndpoints"/>).
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app)
    {
        var requiresKey = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value.RequiresKey;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null,
            predicate: context => context.Request.Path == MetricsPath,
            path: null,
            configureBranchedPipeline: requiresKey ? pipeline => pipeline.UseMiddleware<MetricsKeyMiddleware>() : null,
            optionsName: null);
        return app;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
