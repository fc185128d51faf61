using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HubSpotCrm.TestSupport;

/// <summary>The emulator's control API (/_emulator/…): its settings, faults, statistics and a dump of what it holds.</summary>
public sealed class EmulatorClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUrl => baseUrl;

    public async Task ResetAsync() => (await _http.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();

    public async Task<EmulatorStats> StatsAsync()
    {
        var json = await _http.GetFromJsonAsync<JsonObject>("/_emulator/stats") ?? [];
        return new EmulatorStats(json);
    }

    public async Task ResetStatsAsync() => (await _http.DeleteAsync("/_emulator/stats")).EnsureSuccessStatusCode();

    /// <summary>Every object of a type, archived ones included, with all properties and associations.</summary>
    public async Task<IReadOnlyList<EmulatedObject>> ObjectsAsync(string type)
    {
        var json = await _http.GetFromJsonAsync<JsonObject>($"/_emulator/objects/{type}") ?? [];
        return [.. (json["results"]?.AsArray() ?? []).Select(o => new EmulatedObject(o!.AsObject()))];
    }

    /// <summary>Applies a partial settings update, e.g. new { faults = new { errorRate = 0.1 } }.</summary>
    public async Task SettingsAsync(object partial) =>
        (await _http.PutAsJsonAsync("/_emulator/settings", partial)).EnsureSuccessStatusCode();

    public async Task<JsonObject> GetSettingsAsync() => await _http.GetFromJsonAsync<JsonObject>("/_emulator/settings") ?? [];

    public async Task RateLimitBurstAsync(int count, string policy = "TEN_SECONDLY_ROLLING") =>
        (await _http.PostAsJsonAsync("/_emulator/faults/rate-limit-burst", new { count, policy })).EnsureSuccessStatusCode();

    public async Task RevokeTokensAsync(bool accessTokens = true, bool refreshToken = true) =>
        (await _http.PostAsJsonAsync("/_emulator/tokens/revoke", new { accessTokens, refreshToken })).EnsureSuccessStatusCode();

    public async Task RestoreTokensAsync() => (await _http.PostAsync("/_emulator/tokens/restore", null)).EnsureSuccessStatusCode();

    public void Dispose() => _http.Dispose();
}

public sealed class EmulatorStats(JsonObject json)
{
    public JsonObject Json => json;

    public long TotalCalls => json["totalCalls"]?.GetValue<long>() ?? 0;

    public long Http429 => json["http429"]?.GetValue<long>() ?? 0;

    public long TokenRefreshes => json["tokenRefreshes"]?.GetValue<long>() ?? 0;

    public long Objects(string type) => json["objects"]?[type]?.GetValue<long>() ?? 0;

    /// <summary>Calls to one endpoint ("POST /crm/v3/objects/contacts/batch/upsert"), all statuses or one.</summary>
    public long Calls(string endpoint, int? status = null)
    {
        if (json["calls"]?[endpoint] is not JsonObject byStatus)
        {
            return 0;
        }
        return status is { } s
            ? byStatus[s.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<long>() ?? 0
            : byStatus.Sum(p => p.Value?.GetValue<long>() ?? 0);
    }

    /// <summary>Calls answered with <paramref name="status"/>, over all endpoints.</summary>
    public long CallsWithStatus(int status) =>
        (json["calls"] as JsonObject ?? []).Sum(p => p.Value?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<long>() ?? 0);

    /// <summary>All calls whose endpoint key contains <paramref name="fragment"/>.</summary>
    public long CallsMatching(string fragment) =>
        (json["calls"] as JsonObject ?? []).Where(p => p.Key.Contains(fragment, StringComparison.Ordinal))
            .Sum(p => (p.Value as JsonObject ?? []).Sum(s => s.Value?.GetValue<long>() ?? 0));

    public override string ToString() => json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}

public sealed class EmulatedObject(JsonObject json)
{
    public string Id => json["id"]!.GetValue<string>();

    public bool Archived => json["archived"]?.GetValue<bool>() ?? false;

    public string? Property(string name) => json["properties"]?[name]?.GetValue<string>();

    /// <summary>(id, typeId) of the associated objects of a type ("contacts", "deals", "tickets").</summary>
    public IReadOnlyList<(string Id, int TypeId)> Associations(string toType) =>
        [.. (json["associations"]?[toType]?.AsArray() ?? []).Select(a => (a!["id"]!.GetValue<string>(), a["typeId"]!.GetValue<int>()))];

    /// <summary>(id, every type id, the primary one first) of the associated objects of a type.</summary>
    public IReadOnlyList<(string Id, IReadOnlyList<int> TypeIds)> AssociationTypes(string toType) =>
        [.. (json["associations"]?[toType]?.AsArray() ?? []).Select(a => (a!["id"]!.GetValue<string>(),
            (IReadOnlyList<int>)[.. a["typeIds"]!.AsArray().Select(t => t!.GetValue<int>())]))];

    public override string ToString() => json.ToJsonString();
}
