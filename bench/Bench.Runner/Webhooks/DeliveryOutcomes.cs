using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Webhooks;

/// <summary>
/// The Api's own count of delivery attempts by outcome (delivered, retrying, parked, deferred), read from its Prometheus
/// endpoint: how many attempts it saw fail, and so how many copies at-least-once delivery may legitimately send.
/// </summary>
internal static class DeliveryOutcomes
{
    /// <returns>Attempts by outcome so far; empty when the Api has not counted any (or /metrics did not answer).</returns>
    public static async Task<Dictionary<string, long>> ReadAsync(HttpClient http)
    {
        string text;
        try
        {
            text = await http.GetStringAsync("/metrics");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"[webhooks] GET /metrics failed: {exception.Message}");
            return [];
        }
        return PrometheusText.SumBy(text, "hubspotcrm_api_webhook_deliveries_total", "outcome");
    }

    public static Dictionary<string, long> Since(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);
}
