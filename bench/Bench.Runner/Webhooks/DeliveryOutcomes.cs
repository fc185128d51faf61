using System.Globalization;

namespace HubSpotCrm.Bench.Webhooks;

/// <summary>
/// The Api's own count of delivery attempts by outcome (delivered, retrying, parked, deferred), read from its Prometheus
/// endpoint: how many attempts it saw fail, and so how many copies at-least-once delivery may legitimately send.
/// </summary>
internal static class DeliveryOutcomes
{
    private const string Series = "hubspotcrm_api_webhook_deliveries_total{";
    private const string OutcomeLabel = "outcome=\"";

    /// <returns>Attempts by outcome so far; empty when the Api has not counted any (or /metrics did not answer).</returns>
    public static async Task<Dictionary<string, long>> ReadAsync(HttpClient http)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        string text;
        try
        {
            text = await http.GetStringAsync("/metrics");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"[webhooks] GET /metrics failed: {exception.Message}");
            return totals;
        }
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Series, StringComparison.Ordinal))
            {
                continue;
            }
            var close = line.IndexOf('}', StringComparison.Ordinal);
            var label = line.IndexOf(OutcomeLabel, StringComparison.Ordinal);
            var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (close < 0 || label < 0 || label > close || fields.Length == 0 ||
                !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var start = label + OutcomeLabel.Length;
            var outcome = line[start..line.IndexOf('"', start)];
            totals[outcome] = totals.GetValueOrDefault(outcome) + (long)value;
        }
        return totals;
    }

    public static Dictionary<string, long> Since(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);
}
