using System.Diagnostics;
using System.Globalization;

namespace HubSpotCrm.Bench.Report;

/// <summary>
/// CPU used during a phase, from /proc: the whole machine's busy share and the cores each of our processes used.
/// Other work on the machine (builds, tests) shows as machine busy time our processes do not account for.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, int?> processes)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Servers shared with whatever else runs on the machine, found by process name: RabbitMQ and PostgreSQL.</summary>
    private static readonly Dictionary<string, string> Servers = new(StringComparer.Ordinal)
    {
        ["beam.smp"] = "rabbitmq",
        ["postgres"] = "postgresql",
    };

    public CpuMark Mark()
    {
        var ticks = processes.ToDictionary(p => p.Key, p => p.Value is { } pid ? ProcessTicks(pid) : null, StringComparer.Ordinal);
        foreach (var (name, total) in ServerTicks())
        {
            ticks[name] = total;
        }
        return new CpuMark(Stopwatch.GetTimestamp(), MachineTicks(), ticks, Process.GetCurrentProcess().TotalProcessorTime);
    }

    /// <summary>
    /// CPU ticks of all processes of each server. PostgreSQL backends that end between two marks take their ticks
    /// with them, so its figure is a lower bound (and the "other work" figure correspondingly an upper bound).
    /// </summary>
    private static Dictionary<string, long> ServerTicks()
    {
        var totals = Servers.Values.ToDictionary(v => v, _ => 0L, StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (Servers.TryGetValue(stat[(open + 1)..close], out var server) && Ticks(stat) is { } ticks)
                {
                    totals[server] += ticks;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return totals;
    }

    public static CpuUsage Between(CpuMark start, CpuMark end)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        var total = end.Machine.Total - start.Machine.Total;
        var busy = end.Machine.Busy - start.Machine.Busy;
        var cores = end.Processes
            .Where(p => p.Value is not null && start.Processes.GetValueOrDefault(p.Key) is not null)
            .ToDictionary(p => p.Key, p => Math.Round(Math.Max(0, p.Value!.Value - start.Processes[p.Key]!.Value) / TicksPerSecond / seconds, 2), StringComparer.Ordinal);
        cores["runner"] = Math.Round((end.Runner - start.Runner).TotalSeconds / seconds, 2);
        return new CpuUsage(total > 0 ? Math.Round(100.0 * busy / total, 1) : 0, Environment.ProcessorCount, cores, 0).Settle();
    }

    private static (long Busy, long Total) MachineTicks()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    /// <summary>CPU time a running process has used so far.</summary>
    public static TimeSpan? ProcessCpu(int pid) => ProcessTicks(pid) is { } ticks ? TimeSpan.FromSeconds(ticks / TicksPerSecond) : null;

    private static long? ProcessTicks(int pid)
    {
        try
        {
            return Ticks(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>utime + stime: fields 14 and 15 of /proc/[pid]/stat, counted after the parenthesised command name.</summary>
    private static long? Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 12 ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture) : null;
    }
}

internal sealed record CpuMark(long Timestamp, (long Busy, long Total) Machine, Dictionary<string, long?> Processes, TimeSpan Runner);

/// <param name="MachineBusyPercent">Share of all cores busy, whoever used them.</param>
/// <param name="CoresByProcess">Cores each process used on average (1.0 = one core all the time).</param>
/// <param name="OtherCores">Busy cores not used by any process listed: other work on the machine.</param>
internal sealed record CpuUsage(double MachineBusyPercent, int Cores, IReadOnlyDictionary<string, double> CoresByProcess, double OtherCores)
{
    /// <summary>Adds a process measured some other way (wrk).</summary>
    public CpuUsage With(string process, double cores) =>
        (this with { CoresByProcess = new Dictionary<string, double>(CoresByProcess, StringComparer.Ordinal) { [process] = Math.Round(cores, 2) } }).Settle();

    /// <summary>More than a third of a core of other work: the figures are lower than the same machine would give idle.</summary>
    public bool Disturbed => OtherCores > 0.33;

    public CpuUsage Settle() => this with
    {
        OtherCores = Math.Round(Math.Max(0, MachineBusyPercent / 100 * Cores - CoresByProcess.Values.Sum()), 2),
    };
}
