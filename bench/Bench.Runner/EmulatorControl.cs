using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HubSpotCrm.Bench;

/// <summary>The emulator's control API: settings, and the call counters the HubSpot figures come from.</summary>
internal sealed class EmulatorControl(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>HubSpot-like limits: ten-secondly and search budgets, and a fixed latency on every CRM call.</summary>
    public async Task ApplyLimitsAsync(int tenSecondly, int searchPerSecond, int latencyMs)
    {
        var patch = new
        {
            rateLimits = new { enabled = true, tenSecondly, searchPerSecond },
            faults = new { latencyMs, jitterMs = 0, errorRate = 0.0, lockRate = 0.0 },
        };
        using var response = await _http.PutAsJsonAsync("/_emulator/settings", patch);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"PUT /_emulator/settings answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<JsonObject> SettingsAsync() => await _http.GetFromJsonAsync<JsonObject>("/_emulator/settings") ?? [];

    public async Task ResetStatsAsync()
    {
        using var response = await _http.DeleteAsync("/_emulator/stats");
        response.EnsureSuccessStatusCode();
    }

    public async Task<CallStats> StatsAsync() => new(await _http.GetFromJsonAsync<JsonObject>("/_emulator/stats") ?? []);

    public void Dispose() => _http.Dispose();
}

/// <summary>A snapshot of GET /_emulator/stats: calls per route key and status since the last reset.</summary>
internal sealed class CallStats(JsonObject json)
{
    public static readonly CallStats Empty = new([]);

    /// <summary>Every counted call, the OAuth token endpoint included.</summary>
    public long TotalCalls => json["totalCalls"]?.GetValue<long>() ?? 0;

    public long Http429 => json["http429"]?.GetValue<long>() ?? 0;

    /// <summary>Objects of a type in the emulator's store now ("contacts"); not reset with the counters.</summary>
    public long Objects(string objectType) => json["objects"]?[objectType]?.GetValue<long>() ?? 0;

    /// <summary>CRM calls per route key ("POST /crm/v3/objects/contacts/batch/upsert"), all statuses.</summary>
    public IReadOnlyDictionary<string, long> ByRoute =>
        (json["calls"] as JsonObject ?? []).ToDictionary(
            r => r.Key,
            r => (r.Value as JsonObject ?? []).Sum(s => s.Value?.GetValue<long>() ?? 0),
            StringComparer.Ordinal);

    /// <summary>Calls that count against HubSpot's limits: everything but the OAuth token endpoint.</summary>
    public long CrmCalls => ByRoute.Where(r => !IsOAuth(r.Key)).Sum(r => r.Value);

    /// <summary>Calls answered other than 2xx, by "route status".</summary>
    public IReadOnlyDictionary<string, long> NonSuccess =>
        (json["calls"] as JsonObject ?? [])
            .SelectMany(r => (r.Value as JsonObject ?? []).Select(s => (Key: $"{r.Key} {s.Key}", Status: s.Key, Count: s.Value?.GetValue<long>() ?? 0)))
            .Where(x => !x.Status.StartsWith('2'))
            .ToDictionary(x => x.Key, x => x.Count, StringComparer.Ordinal);

    /// <summary>Calls per route made between <paramref name="earlier"/> and this snapshot.</summary>
    public IReadOnlyDictionary<string, long> RoutesSince(CallStats earlier)
    {
        var before = earlier.ByRoute;
        return ByRoute
            .Select(r => (r.Key, Count: r.Value - before.GetValueOrDefault(r.Key)))
            .Where(r => r.Count != 0)
            .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
    }

    private static bool IsOAuth(string routeKey) => routeKey.Contains(" /oauth/", StringComparison.Ordinal);
}
