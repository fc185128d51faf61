using System.Diagnostics;
using System.Text.Json;
using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Api;

/// <summary>
/// Api intake under wrk: POST /api/v1/hubspot/contact with a unique email per request (bench/wrk/submit-contact.lua).
/// A short warm-up run first (JIT, connection pools), then the measured run. Only 202 answers count.
/// </summary>
internal sealed class IntakeLoad(BenchSettings settings, CpuMeter cpu)
{
    public async Task<ApiIntakeResult> RunAsync(string conditions)
    {
        Console.WriteLine($"[api] wrk warm-up {settings.ApiWarmupSeconds} s, then {settings.ApiSeconds} s with {settings.ApiConnections} connections…");
        await RunWrkAsync(settings.ApiWarmupSeconds, "warmup");
        var cpuStart = cpu.Mark();
        var (output, summary, wrkCpu) = await RunWrkAsync(settings.ApiSeconds, "measured");
        var cpuUsage = CpuMeter.Between(cpuStart, cpu.Mark()).With("wrk", wrkCpu);
        var reference = await ReferenceAsync();
        if (summary is not { } json)
        {
            return new ApiIntakeResult(0, 0, 0, settings.ApiConnections, settings.ApiThreads, 0, 0, 0, new Dictionary<string, long>(),
                new Dictionary<string, long>(), 0, 0, "failed: wrk printed no summary; see bench/results/runner.log", conditions, settings.ApiWarmupSeconds, cpuUsage, reference);
        }
        Console.WriteLine(output);

        var seconds = json.GetProperty("durationUs").GetDouble() / 1e6;
        var statuses = json.GetProperty("statuses").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        var errors = json.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        var accepted = statuses.GetValueOrDefault("202");
        var other = statuses.Where(s => s.Key != "202").Sum(s => s.Value);
        var result = new ApiIntakeResult(
            RequestsPerSecond: Math.Round(accepted / seconds, 1),
            P50Ms: Ms(json, "p50Us"),
            P99Ms: Ms(json, "p99Us"),
            Connections: settings.ApiConnections,
            Threads: settings.ApiThreads,
            Seconds: Math.Round(seconds, 2),
            Accepted: accepted,
            NonAccepted: other,
            Statuses: statuses,
            SocketErrors: errors,
            P90Ms: Ms(json, "p90Us"),
            MaxMs: Ms(json, "maxUs"),
            Status: other == 0 && errors.Values.Sum() == 0 ? "complete" : "complete, with answers other than 202 or socket errors (see statuses, socketErrors)",
            Conditions: conditions,
            WarmupSeconds: settings.ApiWarmupSeconds,
            Cpu: cpuUsage,
            HealthLiveRequestsPerSecond: reference);
        Console.WriteLine($"[api] {result.RequestsPerSecond} accepted/s, p50 {result.P50Ms} ms, p99 {result.P99Ms} ms, {other} not 202");
        return result;
    }

    /// <summary>
    /// For scale: GET /health/live (no database, no broker) with the same wrk settings for 5 s — what the Api's HTTP
    /// stack alone answers on this machine at the moment.
    /// </summary>
    private async Task<double> ReferenceAsync()
    {
        var start = new ProcessStartInfo("wrk",
            [$"-t{settings.ApiThreads}", $"-c{settings.ApiConnections}", "-d5s", new Uri(settings.ApiUrl, "/health/live").ToString()])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal));
        return line is not null && double.TryParse(line["Requests/sec:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var rps)
            ? Math.Round(rps, 1)
            : 0;
    }

    /// <returns>wrk's output, its summary line, and the cores wrk used (read from /proc just before it ends).</returns>
    private async Task<(string Output, JsonElement? Summary, double Cores)> RunWrkAsync(int seconds, string phase)
    {
        var start = new ProcessStartInfo("wrk",
        [
            $"-t{settings.ApiThreads}", $"-c{settings.ApiConnections}", $"-d{seconds}s", "--timeout", "5s",
            "-s", settings.WrkScript, settings.ApiUrl.ToString().TrimEnd('/'),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BENCH_API_KEY"] = settings.ApiKey;
        start.Environment["BENCH_EMAIL_PREFIX"] = $"wrk-{settings.RunId}-{phase}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var sampleAfter = TimeSpan.FromSeconds(Math.Max(0.5, seconds - 0.5));
        await Task.Delay(sampleAfter);
        var cores = CpuMeter.ProcessCpu(process.Id) is { } used ? used.TotalSeconds / sampleAfter.TotalSeconds : 0;
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH_RESULT ", StringComparison.Ordinal));
        return (output, line is null ? null : JsonDocument.Parse(line["BENCH_RESULT ".Length..]).RootElement.Clone(), cores);
    }

    private static double Ms(JsonElement json, string name) =>
        Math.Round(json.GetProperty(name).GetDouble() / 1000, 1, MidpointRounding.AwayFromZero);
}
