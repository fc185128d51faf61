using System.Diagnostics;
using System.Globalization;
using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Scaling;

/// <summary>
/// A Worker bench/run.sh started frozen (its shell stopped itself before running dotnet) with the bench Worker's settings,
/// on the machine's broker or on the 3-node cluster: sent SIGCONT when its shared-budget phase begins and SIGTERM when it
/// ends, so that it consumes in no other phase. run.sh's clean-up stops it too if the runner could not.
/// </summary>
internal sealed record ExtraWorker(string Name, int Pid, Uri Url, string LogPath)
{
    /// <summary>
    /// run.sh's lists, in the same order: pids and base URLs, comma-separated; named as run.sh logs them, <paramref name="prefix"/>
    /// and a number from <paramref name="first"/> (worker-2, worker-3…; cluster-worker-1…).
    /// </summary>
    public static IReadOnlyList<ExtraWorker> Parse(string? pids, string? urls, string resultsDirectory, string prefix, int first)
    {
        if (pids is null || urls is null)
        {
            return [];
        }
        var pidList = pids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var urlList = urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pidList.Length != urlList.Length)
        {
            throw new InvalidOperationException($"run.sh named {pidList.Length} pids and {urlList.Length} URLs for the {prefix}N Workers.");
        }
        return [.. pidList.Select((pid, i) => new ExtraWorker($"{prefix}{i + first}", int.Parse(pid, CultureInfo.InvariantCulture), new Uri(urlList[i]),
            Path.Combine(resultsDirectory, $"{prefix}{i + first}.log")))];
    }

    public bool IsRunning => MachineProbe.IsAlive(Pid);

    /// <summary>Lets the frozen shell go on to start the Worker.</summary>
    public Task ContinueAsync() => SignalAsync("CONT");

    /// <summary>Asks the Worker to shut down and waits for it; kills it when it takes longer than <paramref name="grace"/>.</summary>
    /// <returns>Whether it stopped by itself.</returns>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        await SignalAsync("TERM");
        // Still frozen (the phase failed before continuing it): SIGTERM waits until it runs again.
        await SignalAsync("CONT");
        var until = Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency);
        while (IsRunning && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(200);
        }
        if (!IsRunning)
        {
            return true;
        }
        await SignalAsync("KILL");
        return false;
    }

    private async Task SignalAsync(string signal)
    {
        if (!IsRunning)
        {
            return;
        }
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", Pid.ToString(CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("kill could not be started.");
        await kill.WaitForExitAsync();
    }
}
