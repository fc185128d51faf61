using System.Diagnostics;
using HubSpotCrm.Worker.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace HubSpotCrm.Worker.Tests.Diagnostics;

[Collection(ProcessWideMetricsCollection.Name)]
public sealed class TracingTests
{
    [Fact]
    public void Without_an_OTLP_endpoint_no_trace_is_recorded()
    {
        using var services = WorkerServices(otlpEndpoint: null);

        Assert.Null(services.GetService<TracerProvider>());
        using var source = new ActivitySource("MassTransit");
        Assert.False(source.HasListeners());
    }

    [Fact]
    public void With_an_OTLP_endpoint_MassTransit_s_activities_are_recorded()
    {
        using var services = WorkerServices(otlpEndpoint: "http://127.0.0.1:4317");

        Assert.NotNull(services.GetService<TracerProvider>());
        using var source = new ActivitySource("MassTransit");
        using var activity = source.StartActivity("receive");
        Assert.NotNull(activity);
        Assert.True(activity.Recorded);
    }

    /// <summary>The Worker's registration, not started: nothing here needs the broker, HubSpot or a collector.</summary>
    private static ServiceProvider WorkerServices(string? otlpEndpoint)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        builder.AddWorkerServices();
        return builder.Services.BuildServiceProvider();
    }
}
