using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// Stops and starts the local PostgreSQL cluster (pg_ctlcluster), for outage tests. Every stack shares the server:
/// always start it again in a finally.
/// </summary>
public static class PostgresControl
{
    public static async Task StopAsync() => await RunAsync("pg_ctlcluster", [.. await ClusterAsync(), "stop"]);

    public static async Task StartAsync() => await RunAsync("pg_ctlcluster", [.. await ClusterAsync(), "start"]);

    /// <summary>The version and name of the first cluster, e.g. ["15", "main"], as ./scripts/local-servers.sh picks it.</summary>
    private static async Task<string[]> ClusterAsync()
    {
        var clusters = await RunAsync("pg_lsclusters", "--no-header");
        return clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2];
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program} did not start: outage tests need the local PostgreSQL (./scripts/local-servers.sh) and root.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
        return await output;
    }
}
