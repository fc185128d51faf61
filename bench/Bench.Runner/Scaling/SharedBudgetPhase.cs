using System.Diagnostics;
using System.Globalization;
using HubSpotCrm.Bench.Bus;
using HubSpotCrm.Bench.Report;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.Bench.Scaling;

/// <summary>
/// Issue 15: three Workers on one HubSpot account with no share of its budget configured. The Workers run.sh started
/// frozen are let go on; once the contact queue has a consumer per Worker and every Worker has logged taking its 1/N,
/// contacts go through the bus as in the contacts phase, in whole windows of the Workers' combined budget. Then they are
/// stopped. On the machine's broker the bench's Worker is one of the three (<paramref name="resident"/>): the phase then
/// waits until it has the whole budget again, so that the later phases measure one Worker as before.
/// </summary>
/// <param name="name">The phase's name in the runner's log and the workload's, which also keeps its contacts' emails apart.</param>
internal sealed class SharedBudgetPhase(string name, BenchSettings settings, BusWorkloads bus, CommandSender sender,
    IReadOnlyList<ExtraWorker> frozen, (string Name, Uri Url, string Log)? resident)
{
    /// <summary>HubSpot's window and a little: the previous phase's calls have left it before anything is published.</summary>
    private static readonly TimeSpan HubSpotWindow = TimeSpan.FromSeconds(10.5);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);

    /// <summary>A Worker counts its peers every 2 s (Worker:BudgetSharing:Interval); several counts' worth.</summary>
    private static readonly TimeSpan ShareTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private string WindowMeasure =>
        "The emulator counts calls by route and status, not when they came, so it cannot tell the most calls it admitted in " +
        $"any 10 s. It admits at most its limit ({settings.TenSecondly}) in any rolling 10 s and answers 429 to every call beyond, so the 429 " +
        "count is the measure: each 429 is a call the Workers together made over HubSpot's limit.";

    /// <param name="broker">Which broker the Workers consume from, for the report.</param>
    public async Task<SharedBudgetResult> RunAsync(string broker, string conditions)
    {
        if (frozen.Count == 0)
        {
            throw new InvalidOperationException("run.sh gave no Workers for the phase.");
        }
        var started = Stopwatch.GetTimestamp();
        List<(string Name, Uri Url, string Log)> workers =
        [
            .. resident is { } bench ? [bench] : Array.Empty<(string, Uri, string)>(),
            .. frozen.Select(w => (w.Name, w.Url, w.LogPath)),
        ];
        var count = workers.Count;
        var share = Math.Round(1.0 / count, 3);
        // The Workers' combined budget per window: each takes ⌊110 / N⌋ calls (HubSpot:RateLimits), 100 contacts a call.
        var perWindow = count * (settings.TenSecondly / count) * 100;
        Console.WriteLine($"[{name}] starting {string.Join(", ", frozen.Select(w => w.Name))}; then {perWindow} warm-up and " +
                          $"{settings.SharedBudgetWindows * perWindow} measured contacts for {count} Workers…");
        var problems = new List<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        WorkloadResult contacts;
        double toConsumers;
        double? toShares;
        double quietBefore;
        List<SharedBudgetWorker> perWorker;
        double stopSeconds;
        try
        {
            foreach (var worker in frozen)
            {
                await worker.ContinueAsync();
            }
            if (!await PollAsync(async () => await sender.ConsumersAsync(BusWorkloads.ContactQueue) >= count, StartTimeout))
            {
                var gone = frozen.Where(w => !w.IsRunning).Select(w => $"{w.Name} exited (see bench/results/{w.Name}.log)");
                throw new TimeoutException($"{BusWorkloads.ContactQueue} did not have {count} consumers within {StartTimeout.TotalSeconds:0} s" +
                                           string.Concat(gone.Select(g => "; " + g)) + ".");
            }
            toConsumers = Seconds(started);
            var sharesTaken = await PollAsync(() => Task.FromResult(workers.All(w => BudgetShareLog.Last(w.Log)?.Share == share)), ShareTimeout);
            toShares = sharesTaken ? Seconds(started) - toConsumers : null;
            var shares = workers.Select(w => BudgetShareLog.Last(w.Log)).ToList();
            if (!sharesTaken)
            {
                problems.Add($"not every Worker had logged taking {share:0.###} of the budget {ShareTimeout.TotalSeconds:0} s after the queue had {count} consumers " +
                             $"({string.Join(", ", workers.Select((w, i) => $"{w.Name}: {shares[i]?.Share.ToString("0.###", CultureInfo.InvariantCulture) ?? "none"}"))}); published all the same");
            }
            var quiet = HubSpotWindow - Stopwatch.GetElapsedTime(started);
            if (quiet > TimeSpan.Zero)
            {
                await Task.Delay(quiet);
            }
            quietBefore = Seconds(started);
            var before = await Task.WhenAll(workers.Select(w => WorkerCalls.ReadAsync(http, w.Url)));
            contacts = await bus.SharedContactsAsync(name, perWindow, settings.SharedBudgetWindows * perWindow);
            var after = await Task.WhenAll(workers.Select(w => WorkerCalls.ReadAsync(http, w.Url)));
            perWorker = [.. workers.Select((w, i) => new SharedBudgetWorker(w.Name, shares[i]?.Share, shares[i]?.CallsPer10S,
                Since(before[i], after[i], status: null), Since(before[i], after[i], status: "429"),
                contacts.Cpu?.CoresByProcess.TryGetValue(w.Name, out var cores) == true ? cores : null))];
        }
        finally
        {
            stopSeconds = await StopAsync(problems);
        }

        var calls = contacts.EndToEnd.HubspotCalls;
        var status = problems.Count == 0 ? contacts.Status : $"{contacts.Status}; {string.Join("; ", problems)}";
        var result = new SharedBudgetResult(status, broker, resident is not null, count, contacts, calls > 0 ? Math.Round(100.0 * contacts.Http429 / calls, 2) : 0, perWorker,
            Math.Round(toConsumers, 2), toShares is { } s ? Math.Round(s, 2) : null, Math.Round(quietBefore, 2), Math.Round(stopSeconds, 2),
            Math.Round(Seconds(started), 1), WindowMeasure, conditions);
        Console.WriteLine($"[{name}] {count} Workers: {contacts.ObjectsPerSecond}/s ({contacts.PercentOfCeiling} % of the ceiling), " +
                          $"{contacts.Http429} × 429 of {calls} calls ({result.Http429Percent} %); calls per Worker " +
                          $"{string.Join(", ", perWorker.Select(w => $"{w.Name} {w.HubspotCalls?.ToString(CultureInfo.InvariantCulture) ?? "?"}"))}; phase {result.PhaseSeconds} s");
        return result;
    }

    /// <summary>Stops the Workers it started and waits until the bench's Worker, if one took part, is alone on the queue with the whole budget again.</summary>
    private async Task<double> StopAsync(List<string> problems)
    {
        var stopping = Stopwatch.GetTimestamp();
        foreach (var worker in frozen)
        {
            if (!await worker.StopAsync(StopGrace))
            {
                problems.Add($"{worker.Name} did not stop within {StopGrace.TotalSeconds:0} s of SIGTERM and was killed");
            }
        }
        if (resident is { Log: var workerLog })
        {
            await AwaitAloneAsync(workerLog, problems);
        }
        var seconds = Stopwatch.GetElapsedTime(stopping).TotalSeconds;
        Console.WriteLine(resident is null
            ? $"[{name}] its Workers stopped after {seconds:0.0} s"
            : $"[{name}] extra Workers stopped; the Worker alone with the whole budget after {seconds:0.0} s");
        return seconds;
    }

    private async Task AwaitAloneAsync(string workerLog, List<string> problems)
    {
        try
        {
            if (!await PollAsync(async () => await sender.ConsumersAsync(BusWorkloads.ContactQueue) <= 1, StartTimeout))
            {
                problems.Add($"{BusWorkloads.ContactQueue} still had more than one consumer {StartTimeout.TotalSeconds:0} s after the extra Workers stopped");
            }
            else if (!await PollAsync(() => Task.FromResult(BudgetShareLog.Last(workerLog)?.Share == 1), ShareTimeout))
            {
                problems.Add($"the Worker had not logged taking the whole budget again {ShareTimeout.TotalSeconds:0} s after it was alone (later phases may be slower)");
            }
        }
        catch (Exception exception) when (exception is OperationInterruptedException or RabbitMQClientException or IOException or TimeoutException)
        {
            problems.Add($"could not check that the Worker was alone again: {exception.Message}");
        }
    }

    private static long? Since(Dictionary<string, long>? before, Dictionary<string, long>? after, string? status) =>
        before is null || after is null ? null
        : status is null ? after.Values.Sum() - before.Values.Sum()
        : after.GetValueOrDefault(status) - before.GetValueOrDefault(status);

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() >= until)
            {
                return false;
            }
            await Task.Delay(250);
        }
        return true;
    }

    private static double Seconds(long since) => Stopwatch.GetElapsedTime(since).TotalSeconds;
}
