using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace HubSpotCrm.Worker.Tests.Diagnostics;

[Collection(ProcessWideMetricsCollection.Name)]
public sealed class MetricStreamLimitsTests
{
    /// <summary>The Worker's registration, not started: nothing here needs the broker or HubSpot.</summary>
    [Fact]
    public void A_metric_stream_keeps_the_limited_number_of_tag_combinations_and_counts_the_rest_as_overflow()
    {
        var exported = new List<Metric>();
        var builder = Host.CreateApplicationBuilder();
        builder.AddWorkerServices();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics =>
            metrics.AddReader(new BaseExportingMetricReader(new CollectingExporter(exported))));
        using var services = builder.Services.BuildServiceProvider();
        var provider = services.GetRequiredService<MeterProvider>();
        var metrics = services.GetRequiredService<WorkerMetrics>();

        var endpoints = MetricStreamLimits.TagCombinationsPerStream + 50;
        for (var i = 0; i < endpoints; i++)
        {
            metrics.HubSpotCall($"POST /crm/v3/objects/endpoint-{i}", 200);
        }
        provider.ForceFlush();

        var calls = exported.Last(m => m.Name == "hubspotcrm.hubspot.calls");
        var points = new List<(bool Overflow, long Count)>();
        foreach (ref readonly var point in calls.GetMetricPoints())
        {
            var overflow = false;
            foreach (var tag in point.Tags)
            {
                overflow |= tag.Key == "otel.metric.overflow";
            }
            points.Add((overflow, point.GetSumLong()));
        }
        Assert.Equal(MetricStreamLimits.TagCombinationsPerStream, points.Count(p => !p.Overflow));
        Assert.Single(points, p => p.Overflow);
        Assert.Equal(endpoints, points.Sum(p => p.Count));
    }

    private sealed class CollectingExporter(List<Metric> exported) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                exported.Add(metric);
            }
            return ExportResult.Success;
        }
    }
}
