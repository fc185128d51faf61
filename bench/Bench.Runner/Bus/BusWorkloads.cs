using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HubSpotCrm.Bench.Report;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Bench.Bus;

/// <summary>
/// Contacts, deals, tickets and companies pushed through the bus: commands published as plain camelCase JSON to the command
/// queues, results counted from the result exchanges, HubSpot calls taken from the emulator's counters.
/// </summary>
internal sealed class BusWorkloads(BenchSettings settings, CommandSender sender, ResultListener listener, EmulatorControl emulator, CpuMeter cpu)
{
    public const string ContactQueue = "hubspot.upsert-contact";
    public const string DealsQueue = "hubspot.upsert-deals";
    public const string TicketsQueue = "hubspot.create-tickets";

    /// <summary>Reserved for the phases after a bus workload: bulk submissions (about 60 s), the Api intake and the report.</summary>
    private static readonly TimeSpan LaterPhases = TimeSpan.FromSeconds(110);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Dictionary<string, string> ContactProperties = new(StringComparer.Ordinal)
    {
        ["firstname"] = "Bench",
        ["lastname"] = "Mark",
        ["phone"] = "+1 555 0100",
    };

    /// <summary>Steady HubSpot call rate the limits allow, per second (110 per 10 s → 11).</summary>
    private double CallsPerSecondCeiling => settings.TenSecondly / 10.0;

    public Task<WorkloadResult> ContactsAsync() => ContactsAsync("contacts", "c", settings.ContactsWarmup, settings.Contacts);

    /// <summary>
    /// Contacts as <see cref="ContactsAsync()"/> sends them, for several Workers consuming at once; the sizes (whole
    /// windows of their combined budget) are the shared-budget phase's, and its name keeps their emails apart from other phases'.
    /// </summary>
    public Task<WorkloadResult> SharedContactsAsync(string phase, int warmup, int measured) => ContactsAsync(phase, phase, warmup, measured);

    /// <summary>Contacts for the deal and ticket workloads, created through the bus and not measured.</summary>
    public async Task<(SetupResult Setup, IReadOnlyList<string> ContactIds)> SetupContactsAsync(int count)
    {
        var commands = Enumerable.Range(0, count).Select(i => Contact($"s{i}")).ToList();
        var tracker = await PublishAndWaitAsync("setup-contacts", ContactQueue, commands, warmupCommands: 0);
        var snapshot = tracker.Snapshot();
        var seconds = snapshot.Completions.Count == 0 ? 0 : Seconds(tracker.FirstPublish, snapshot.Completions[^1].Timestamp);
        var ids = tracker.ContactIds.ToList();
        return (new SetupResult(count, ids.Count, Math.Round(seconds, 2), snapshot.FailureSamples), ids);
    }

    public Task<WorkloadResult> DealsAsync(IReadOnlyList<string> contactIds)
    {
        var total = settings.DealWarmupCommands + settings.DealCommands;
        var commands = Enumerable.Range(0, total).Select(i =>
        {
            var requestId = Guid.NewGuid();
            var deals = Enumerable.Range(0, settings.DealsPerCommand)
                .Select(k => new DealInput($"Bench deal {settings.RunId} {i}-{k}", 1000m + k, "appointmentscheduled"))
                .ToList();
            return Command(requestId, new UpsertDeals(requestId, contactIds[i % contactIds.Count], deals), deals.Count);
        }).ToList();
        return RunAsync("deals", DealsQueue, commands, settings.DealWarmupCommands, settings.DealsPerCommand,
            (_, calls, seconds) => calls / (seconds * CallsPerSecondCeiling) * 100,
            $"hubspotCalls / (seconds × {CallsPerSecondCeiling:0.#}): the share of HubSpot's call budget used");
    }

    public Task<WorkloadResult> TicketsAsync(IReadOnlyList<string> contactIds)
    {
        var total = settings.TicketWarmupCommands + settings.TicketCommands;
        var commands = Enumerable.Range(0, total).Select(i =>
        {
            var requestId = Guid.NewGuid();
            var tickets = Enumerable.Range(0, settings.TicketsPerCommand)
                .Select(k => new TicketInput($"Bench ticket {i}-{k}", "Opened by the benchmark", "PRODUCT_ISSUE", "0", "1", "HIGH"))
                .ToList();
            // No dealIds: the worker links each ticket to all of the contact's deals (made by the deals workload).
            return Command(requestId, new CreateTickets(requestId, contactIds[i % contactIds.Count], tickets), tickets.Count);
        }).ToList();
        return RunAsync("tickets", TicketsQueue, commands, settings.TicketWarmupCommands, settings.TicketsPerCommand,
            (_, calls, seconds) => calls / (seconds * CallsPerSecondCeiling) * 100,
            $"hubspotCalls / (seconds × {CallsPerSecondCeiling:0.#}): the share of HubSpot's call budget used");
    }

    /// <summary>
    /// Companies with unique domains, each in another form than HubSpot keeps it (scheme, www., upper case, path), so the
    /// Worker's normalizing is part of the cost; with <see cref="BenchSettings.CompanyContactLinks"/>, each links that many
    /// set-up contacts, unlabelled.
    /// </summary>
    public Task<WorkloadResult> CompaniesAsync(IReadOnlyList<string> contactIds)
    {
        var links = contactIds.Count == 0 ? 0 : settings.CompanyContactLinks;
        var commands = Enumerable.Range(0, settings.CompaniesWarmup + settings.Companies).Select(i =>
        {
            var requestId = Guid.NewGuid();
            var contacts = links == 0 ? null : Enumerable.Range(0, links).Select(k => contactIds[(i * links + k) % contactIds.Count]).ToList();
            return Command(requestId, new UpsertCompany(requestId, $"https://www.Bench-{settings.RunId}-{i}.example.com/about",
                new Dictionary<string, string> { ["name"] = $"Bench company {i}" }, contacts), 1);
        }).ToList();
        var callsPerBatch = links == 0 ? 1 : 3;
        return RunAsync("companies", CommandCatalogue.UpsertCompany.Queue, commands, settings.CompaniesWarmup, objectsPerCommand: 1,
            (objectsPerSecond, _, _) => objectsPerSecond / (CallsPerSecondCeiling * 100 / callsPerBatch) * 100,
            $"objectsPerSecond / {CallsPerSecondCeiling * 100 / callsPerBatch:0} (HubSpot's call budget × 100 companies per batch/upsert call" +
            (links == 0 ? ")" : ", 3 calls per batch: contacts batch/read, companies batch/upsert, associations batch/create)"));
    }

    private Task<WorkloadResult> ContactsAsync(string name, string emailPrefix, int warmup, int measured)
    {
        var commands = Enumerable.Range(0, warmup + measured)
            .Select(i => Contact($"{emailPrefix}{i}"))
            .ToList();
        return RunAsync(name, ContactQueue, commands, warmup, objectsPerCommand: 1,
            (objectsPerSecond, _, _) => objectsPerSecond / (CallsPerSecondCeiling * 100) * 100,
            $"objectsPerSecond / {CallsPerSecondCeiling * 100:0} (HubSpot's call budget × 100 contacts per batch/upsert call)");
    }

    private OutgoingCommand Contact(string suffix)
    {
        var requestId = Guid.NewGuid();
        return Command(requestId, new UpsertContact(requestId, $"bench-{settings.RunId}-{suffix}@bench.example.com", ContactProperties), 1);
    }

    private static OutgoingCommand Command<T>(Guid requestId, T command, int objects) =>
        new(requestId, JsonSerializer.SerializeToUtf8Bytes(command, Json), objects);

    private async Task<WorkloadResult> RunAsync(string name, string queue, List<OutgoingCommand> commands, int warmupCommands,
        int objectsPerCommand, Func<double, long, double, double> percentOfCeiling, string ceilingDefinition)
    {
        Console.WriteLine($"[{name}] {commands.Count - warmupCommands} measured commands after {warmupCommands} warm-up commands…");
        CallStats? atWarmup = null;
        var cpuStart = cpu.Mark();
        var tracker = await PublishAndWaitAsync(name, queue, commands, warmupCommands, t => t.WarmedUp.ContinueWith(
            async _ => atWarmup = await emulator.StatsAsync(), TaskScheduler.Default).Unwrap());
        var cpuUsage = CpuMeter.Between(cpuStart, cpu.Mark());
        var end = await emulator.StatsAsync();
        var snapshot = tracker.Snapshot();
        var completions = snapshot.Completions;
        var complete = completions.Count == commands.Count;

        // The measured window: from the moment the warm-up objects had all finished to the last result.
        var cumulative = 0;
        var startIndex = -1;
        if (tracker.WarmupObjects > 0)
        {
            for (var i = 0; i < completions.Count; i++)
            {
                cumulative += completions[i].Objects;
                if (cumulative >= tracker.WarmupObjects)
                {
                    startIndex = i;
                    break;
                }
            }
        }
        var warmedUp = tracker.WarmupObjects == 0 || startIndex >= 0;
        var windowStart = startIndex >= 0 ? completions[startIndex].Timestamp : tracker.FirstPublish;
        var measured = completions.Skip(startIndex + 1).ToList();
        var windowEnd = completions.Count > 0 ? completions[^1].Timestamp : windowStart;
        var seconds = Seconds(windowStart, windowEnd);
        var objects = measured.Sum(c => c.Succeeded);
        var boundary = warmedUp && atWarmup is not null ? atWarmup : CallStats.Empty;
        var windowCalls = end.CrmCalls - boundary.CrmCalls;
        var objectsPerSecond = seconds > 0 ? objects / seconds : 0;

        var allSucceeded = completions.Sum(c => c.Succeeded);
        var endToEndSeconds = completions.Count > 0 ? Seconds(tracker.FirstPublish, windowEnd) : 0;
        var failedCommands = completions.Count(c => c.Succeeded < c.Objects);
        var result = new WorkloadResult(
            Commands: measured.Count,
            Objects: objects,
            Seconds: Math.Round(seconds, 2),
            ObjectsPerSecond: Math.Round(objectsPerSecond, 1),
            HubspotCalls: windowCalls,
            CallsPerObject: allSucceeded > 0 ? Math.Round((double)end.CrmCalls / allSucceeded, 4) : 0,
            Http429: end.Http429,
            Failed: failedCommands,
            PercentOfCeiling: seconds > 0 ? Math.Round(percentOfCeiling(objectsPerSecond, windowCalls, seconds), 1) : 0,
            Status: !warmedUp ? "timed out during warm-up: figures are end-to-end only" : complete ? "complete" : $"timed out after {tracker.TimedOutAfter.TotalSeconds:0} s: figures cover what completed; {tracker.Purged} commands not yet started were purged",
            ObjectsPerCommand: objectsPerCommand,
            FailedObjects: completions.Sum(c => c.Objects - c.Succeeded),
            FailureSamples: snapshot.FailureSamples,
            PercentOfCeilingDefinition: ceilingDefinition,
            Warmup: new WarmupPart(warmupCommands, tracker.WarmupObjects),
            EndToEnd: new EndToEndPart(
                Commands: completions.Count,
                Objects: allSucceeded,
                Seconds: Math.Round(endToEndSeconds, 2),
                ObjectsPerSecond: endToEndSeconds > 0 ? Math.Round(allSucceeded / endToEndSeconds, 1) : 0,
                HubspotCalls: end.CrmCalls,
                PublishSeconds: Math.Round(Seconds(tracker.FirstPublish, tracker.LastPublish), 2)),
            CallsByRoute: end.ByRoute,
            NonSuccessCalls: end.NonSuccess,
            TimelineObjectsPerSecond: Timeline(tracker.FirstPublish, completions),
            Cpu: cpuUsage);
        Console.WriteLine($"[{name}] {result.Status}: {result.Objects} objects in {result.Seconds} s = {result.ObjectsPerSecond}/s, " +
                          $"{result.HubspotCalls} calls in the window, {result.Http429} × 429, {result.Failed} failed commands");
        return result;
    }

    private async Task<WorkloadTracker> PublishAndWaitAsync(string name, string queue, List<OutgoingCommand> commands, int warmupCommands,
        Func<WorkloadTracker, Task>? onWarmedUp = null)
    {
        var tracker = new WorkloadTracker(name, commands.Count, commands.Take(warmupCommands).Sum(c => c.Objects));
        foreach (var command in commands)
        {
            listener.Expect(command.RequestId, tracker, command.Objects);
        }
        var timeout = Min(settings.WorkloadTimeout, settings.Remaining(LaterPhases));
        if (timeout <= TimeSpan.FromSeconds(5))
        {
            throw new TimeoutException($"No time left for the {name} workload before the run's deadline.");
        }
        await emulator.ResetStatsAsync();
        var warmedUpProbe = onWarmedUp?.Invoke(tracker);
        using var cancel = new CancellationTokenSource(timeout);
        tracker.Start(Stopwatch.GetTimestamp());
        await sender.SendAsync(queue, [.. commands.Select(c => c.Body)], cancel.Token);
        tracker.LastPublish = Stopwatch.GetTimestamp();
        if (await Task.WhenAny(tracker.Done, Task.Delay(Timeout.InfiniteTimeSpan, cancel.Token)) != tracker.Done)
        {
            listener.Forget(tracker);
            tracker.TimedOutAfter = timeout;
            tracker.Purged = await sender.PurgeAsync(queue);
            Console.WriteLine($"[{name}] timed out after {timeout.TotalSeconds:0} s; purged {tracker.Purged} waiting commands");
        }
        if (warmedUpProbe is not null && tracker.WarmedUp.IsCompleted)
        {
            await warmedUpProbe;
        }
        return tracker;
    }

    /// <summary>Objects finished in each second since the first publish.</summary>
    private static List<int> Timeline(long start, IReadOnlyList<Completion> completions)
    {
        var buckets = new List<int>();
        foreach (var completion in completions)
        {
            var second = (int)Seconds(start, completion.Timestamp);
            while (buckets.Count <= second)
            {
                buckets.Add(0);
            }
            buckets[second] += completion.Objects;
        }
        return buckets;
    }

    private static double Seconds(long from, long to) => (double)(to - from) / Stopwatch.Frequency;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record OutgoingCommand(Guid RequestId, byte[] Body, int Objects);
}
