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
    /// OpenTelemetry traces (ASP.NET Core, HttpClient, MassTransit, and <paramref name="sources"/>) and metrics (the same,
    /// plus runtime and <paramref name="meters"/>). Metrics are scraped from /metrics in Prometheus format; traces and
    /// metrics also go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Metrics:ApiKey makes /metrics need a key.
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder, string[] meters, string[]? sources = null)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructurePath(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(MassTransitSource)
                    .AddSource(sources ?? []);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
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
