using System.Diagnostics.Metrics;
using HubSpotCrm.Api.Diagnostics;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>The delivery series, on the Api's meter (hubspotcrm_api_webhook_…).</summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _latency;

    public WebhookMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ApiMetrics.MeterName);
        _deliveries = meter.CreateCounter<long>("hubspotcrm.api.webhook.deliveries", "{attempt}",
            "Callback attempts by outcome (delivered, retrying, parked, deferred: not attempted, its endpoint at its limit).");
        _latency = meter.CreateHistogram<double>("hubspotcrm.api.webhook.delivery_latency", "s",
            "From a request or batch turning final to its callback delivered.");
    }

    public void Attempted(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Delivered(TimeSpan sinceFinal) => _latency.Record(Math.Max(0, sinceFinal.TotalSeconds));
}
