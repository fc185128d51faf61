using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Api;

/// <summary>
/// Submit → succeeded at low load: one contact at a time through the Api, its status polled until it is final.
/// The client-side figure is what a caller waits; the server-side one is the request row's completedAt − createdAt.
/// </summary>
internal sealed class LatencyProbe(BenchSettings settings) : IDisposable
{
    public const int PollIntervalMs = 10;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = ApiHttp.Create(settings);

    public async Task<LatencyResult> RunAsync()
    {
        Console.WriteLine($"[latency] {settings.LatencyWarmup} warm-up and {settings.LatencySamples} measured sequential contact submissions…");
        var client = new List<double>();
        var server = new List<double>();
        var submit = new List<double>();
        var failed = 0;
        var status = "complete";
        for (var i = 0; i < settings.LatencyWarmup + settings.LatencySamples; i++)
        {
            if (settings.Remaining(TimeSpan.FromMinutes(5)) <= TimeSpan.Zero)
            {
                status = "stopped early: the run's deadline was near";
                break;
            }
            var (final, clientMs, serverMs, submitMs) = await SubmitAndWaitAsync(i);
            if (i < settings.LatencyWarmup)
            {
                continue;
            }
            if (final == "succeeded")
            {
                client.Add(clientMs);
                server.Add(serverMs);
                submit.Add(submitMs);
            }
            else
            {
                failed++;
                Console.WriteLine($"[latency] request {i} ended {final}");
            }
        }
        var result = new LatencyResult(
            P50Ms: Percentiles.Of(client, 50),
            P99Ms: Percentiles.Of(client, 99),
            Samples: client.Count + failed,
            Succeeded: client.Count,
            Failed: failed,
            MeanMs: client.Count > 0 ? Math.Round(client.Average(), 1) : 0,
            MaxMs: client.Count > 0 ? Math.Round(client.Max(), 1) : 0,
            ServerP50Ms: Percentiles.Of(server, 50),
            ServerP99Ms: Percentiles.Of(server, 99),
            PollIntervalMs: PollIntervalMs,
            Status: status,
            SubmitP50Ms: Percentiles.Of(submit, 50),
            SubmitP99Ms: Percentiles.Of(submit, 99));
        Console.WriteLine($"[latency] p50 {result.P50Ms} ms, p99 {result.P99Ms} ms ({result.Succeeded} succeeded, {failed} not)");
        return result;
    }

    private async Task<(string Final, double ClientMs, double ServerMs, double SubmitMs)> SubmitAndWaitAsync(int index)
    {
        var body = new
        {
            email = $"latency-{settings.RunId}-{index}@bench.example.com",
            firstname = "Latency",
            lastname = "Probe",
            phone = "+1 555 0101",
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsJsonAsync("/api/v1/hubspot/contact", body);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return ($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", 0, 0, 0);
        }
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
        var submitMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        while (Stopwatch.GetElapsedTime(started) < RequestTimeout)
        {
            using var poll = await _http.GetAsync($"/api/v1/requests/{requestId}");
            if (poll.IsSuccessStatusCode)
            {
                var json = await poll.Content.ReadFromJsonAsync<JsonElement>();
                var state = json.GetProperty("status").GetString();
                if (state is "succeeded" or "failed")
                {
                    var clientMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var serverMs = json.TryGetProperty("completedAt", out var done) && done.ValueKind == JsonValueKind.String
                        ? (done.GetDateTimeOffset() - json.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds
                        : 0;
                    return (state, clientMs, serverMs, submitMs);
                }
            }
            await Task.Delay(PollIntervalMs);
        }
        return ("still accepted after 10 s", 0, 0, 0);
    }

    public void Dispose() => _http.Dispose();
}

internal static class ApiHttp
{
    /// <param name="apiKey">Another client's key than the bench's own (<see cref="BenchSettings.ApiKey"/>).</param>
    public static HttpClient Create(BenchSettings settings, TimeSpan? timeout = null, string? apiKey = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = settings.ApiUrl,
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey ?? settings.ApiKey);
        return http;
    }
}

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile, in ms rounded to 0.1; 0 when there are no samples.</summary>
    public static double Of(IReadOnlyList<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return 0;
        }
        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 1);
    }
}
