using System.Diagnostics.Metrics;

namespace HubSpotCrm.Worker.Diagnostics;

/// <summary>
/// The Worker's own metrics (meter "HubSpotCrm.Worker"), scraped from /metrics: commands by outcome, HubSpot calls by
/// endpoint and status, 429s by policy, token refreshes, batch sizes and the rate budget left.
/// </summary>
public sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "HubSpotCrm.Worker";

    private readonly Meter _meter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _hubSpotCalls;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Histogram<int> _batchSize;
    private int _budgetRemaining = -1;

    public WorkerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _commands = _meter.CreateCounter<long>("hubspotcrm.worker.commands", "{command}", "Commands finished, by command and outcome (succeeded, failed, invalid).");
        _hubSpotCalls = _meter.CreateCounter<long>("hubspotcrm.hubspot.calls", "{call}", "HTTP calls to HubSpot, by endpoint and status code.");
        _rateLimited = _meter.CreateCounter<long>("hubspotcrm.hubspot.rate_limited", "{call}", "429 answers from HubSpot, by policy.");
        _tokenRefreshes = _meter.CreateCounter<long>("hubspotcrm.hubspot.token_refreshes", "{refresh}", "OAuth access-token refreshes.");
        _batchSize = _meter.CreateHistogram<int>("hubspotcrm.worker.batch_size", "{command}", "Commands per consumed batch, by command.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 75, 100] });
        _meter.CreateObservableGauge("hubspotcrm.hubspot.rate_budget_remaining", () => _budgetRemaining, "{call}",
            "Calls HubSpot last reported as left in its ten-second window (-1 before the first answer).");
    }

    public void CommandFinished(string command, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    public void HubSpotCall(string endpoint, int status) =>
        _hubSpotCalls.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("status", status));

    public void RateLimited(string policy) => _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void TokenRefreshed() => _tokenRefreshes.Add(1);

    public void Batch(string command, int size) => _batchSize.Record(size, new KeyValuePair<string, object?>("command", command));

    public void BudgetRemaining(int remaining) => Volatile.Write(ref _budgetRemaining, remaining);

    public void Dispose() => _meter.Dispose();
}
