using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Scaling;

/// <summary>
/// A Worker's own count of its HubSpot calls by status (hubspotcrm_hubspot_calls_total on its /metrics), the OAuth
/// token endpoint left out as the emulator's CRM-call figure leaves it out: how the calls split between the Workers.
/// </summary>
internal static class WorkerCalls
{
    /// <returns>Calls by status so far; null when /metrics did not answer.</returns>
    public static async Task<Dictionary<string, long>?> ReadAsync(HttpClient http, Uri worker)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(worker, "/metrics"));
            return PrometheusText.SumBy(text, "hubspotcrm_hubspot_calls_total", "status",
                labels => !labels.GetValueOrDefault("endpoint", "").Contains("/oauth/", StringComparison.Ordinal));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"[shared-budget] GET {worker}metrics failed: {exception.Message}");
            return null;
        }
    }
}
