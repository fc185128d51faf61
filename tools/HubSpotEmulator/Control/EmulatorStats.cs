using System.Collections.Concurrent;
using System.Globalization;
using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Control;

/// <summary>Call counters per route key and status, for tests and benchmarks to check how a client used the API.</summary>
internal sealed class EmulatorStats
{
    public const string Aborted = "aborted";

    private static readonly string[] StatusTexts = [.. Enumerable.Range(0, 600).Select(static s => s.ToString(CultureInfo.InvariantCulture))];

    private ConcurrentDictionary<string, ConcurrentDictionary<string, long>> calls = new(StringComparer.Ordinal);
    private long totalCalls;
    private long http429;
    private long tokenRefreshes;

    public void Record(string routeKey, int status, bool aborted)
    {
        Interlocked.Increment(ref totalCalls);
        if (status == StatusCodes.Status429TooManyRequests && !aborted)
        {
            Interlocked.Increment(ref http429);
        }

        var statusText = aborted ? Aborted : status < StatusTexts.Length ? StatusTexts[status] : status.ToString(CultureInfo.InvariantCulture);
        var byStatus = Volatile.Read(ref calls).GetOrAdd(routeKey, static _ => new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        byStatus.AddOrUpdate(statusText, 1, static (_, count) => count + 1);
    }

    public void TokenRefreshed() => Interlocked.Increment(ref tokenRefreshes);

    public StatsResponse Snapshot(ObjectStore objects) => new(
        Interlocked.Read(ref totalCalls),
        Interlocked.Read(ref http429),
        Interlocked.Read(ref tokenRefreshes),
        new SortedDictionary<string, SortedDictionary<string, long>>(
            Volatile.Read(ref calls).ToDictionary(static c => c.Key, static c => new SortedDictionary<string, long>(c.Value, StringComparer.Ordinal)),
            StringComparer.Ordinal),
        ObjectTypes.All.ToDictionary(static t => t.Name, t => objects[t].LiveCount));

    public void Reset()
    {
        Volatile.Write(ref calls, new ConcurrentDictionary<string, ConcurrentDictionary<string, long>>(StringComparer.Ordinal));
        Interlocked.Exchange(ref totalCalls, 0);
        Interlocked.Exchange(ref http429, 0);
        Interlocked.Exchange(ref tokenRefreshes, 0);
    }
}
