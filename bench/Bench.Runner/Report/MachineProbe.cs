using System.Globalization;

namespace HubSpotCrm.Bench.Report;

/// <summary>What the machine is and how busy it was, and the peak memory of the service processes, from /proc.</summary>
internal static class MachineProbe
{
    public static string LoadAverage() => Read("/proc/loadavg") is { } text ? string.Join(' ', text.Split(' ').Take(3)) : "unknown";

    public static MachineInfo Describe(string loadAtStart) => new(
        Environment.ProcessorCount,
        Math.Round(KiloBytes("/proc/meminfo", "MemTotal:") / 1024.0 / 1024.0, 1),
        Field("/proc/cpuinfo", "model name") ?? "unknown",
        Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? Environment.OSVersion.ToString(),
        loadAtStart,
        LoadAverage());

    /// <summary>Peak resident set size (VmHWM) of a process, in MB; null when the process is gone.</summary>
    public static double? PeakRssMb(int? pid) =>
        pid is { } id && KiloBytes($"/proc/{id}/status", "VmHWM:") is > 0 and var kb ? Math.Round(kb / 1024.0, 1) : null;

    /// <summary>Whether the process runs (a zombie, exited and not yet waited for by its parent, does not).</summary>
    public static bool IsAlive(int? pid) =>
        pid is { } id && Read($"/proc/{id}/stat") is { } stat && stat.LastIndexOf(')') is var close and > 0 &&
        close + 2 < stat.Length && stat[close + 2] != 'Z';

    private static long KiloBytes(string path, string key)
    {
        var line = Read(path)?.Split('\n').FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var number = line?[key.Length..].Trim().Split(' ')[0];
        return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    private static string? Field(string path, string key, char separator = ':') =>
        Read(path)?.Split('\n')
            .Select(l => l.Split(separator, 2))
            .FirstOrDefault(p => p.Length == 2 && p[0].Trim() == key)?[1].Trim();

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
