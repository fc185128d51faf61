using OpenTelemetry.Metrics;

namespace HubSpotCrm.Worker.Diagnostics;

public static class MetricStreamLimits
{
    /// <summary>
    /// Tag combinations each metric stream keeps. OpenTelemetry's default, 2,000, is allocated up front for every stream
    /// (a 144 KB array on the large object heap, and a 32 KB dictionary): about 80 streams held 14 MB of the Worker's
    /// heap, while its busiest stream (MassTransit's consume duration) has about 10 combinations. Past the limit,
    /// measurements still count, under the one combination tagged <c>otel.metric.overflow</c>.
    /// </summary>
    public const int TagCombinationsPerStream = 200;

    public static IHostApplicationBuilder LimitMetricStreams(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics =>
            metrics.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = TagCombinationsPerStream }));
        return builder;
    }
}
