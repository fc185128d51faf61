using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HubSpotCrm.Bench;
using HubSpotCrm.Bench.Api;
using HubSpotCrm.Bench.Bus;
using HubSpotCrm.Bench.Report;
using HubSpotCrm.Bench.Scaling;
using HubSpotCrm.Bench.Webhooks;

// Runs every measurement against services bench/run.sh has started, then writes bench/results/latest.{json,md}.
// Order: idle latency first (nothing else queued), then contacts, the same with three Workers sharing HubSpot's budget
// (the two more started for it and stopped after it), the same again with three Workers on a 3-node RabbitMQ cluster
// (the cluster started for it and stopped after it), the unmeasured contacts for deals and tickets,
// deals, tickets, companies, bulk submissions (followed until the Worker has cleared their backlog), completion webhooks
// (single submissions, their deliveries waited for), and the Api intake last (it leaves a backlog in the contact queue).
var settings = BenchSettings.FromEnvironment();
var started = Stopwatch.GetTimestamp();
var startedAt = DateTimeOffset.UtcNow;
var loadAtStart = MachineProbe.LoadAverage();
var notes = new List<string>();

using var emulator = new EmulatorControl(settings.EmulatorUrl);
await emulator.ApplyLimitsAsync(settings.TenSecondly, settings.SearchPerSecond, settings.LatencyMs);
var emulatorSettings = await emulator.SettingsAsync();
ResultListener? listener = null;
CommandSender? sender = null;
for (var attempt = 1; listener is null || sender is null; attempt++)
{
    try
    {
        listener ??= await ResultListener.StartAsync(settings.AmqpUri);
        sender ??= await CommandSender.StartAsync(settings.AmqpUri);
    }
    catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException exception) when (attempt < 30)
    {
        Console.WriteLine($"RabbitMQ is not reachable ({exception.InnerException?.Message ?? exception.Message}); trying again in 2 s");
        await Task.Delay(TimeSpan.FromSeconds(2));
    }
}
await using var listenerLifetime = listener;
await using var senderLifetime = sender;
var processes = new Dictionary<string, int?>(StringComparer.Ordinal)
{
    ["worker"] = settings.WorkerPid,
    ["api"] = settings.ApiPid,
    ["emulator"] = settings.EmulatorPid,
};
// Frozen outside the shared-budget phase: every other phase's figures show them using no CPU.
foreach (var extra in settings.ExtraWorkers.Concat(settings.ClusterWorkers))
{
    processes[extra.Name] = extra.Pid;
}
var cpu = new CpuMeter(processes);
var bus = new BusWorkloads(settings, sender, listener, emulator, cpu);

var readyUrls = new Dictionary<string, Uri>(StringComparer.Ordinal) { ["Api"] = new Uri(settings.ApiUrl, "/health/ready") };
if (settings.WorkerUrl is { } workerUrl)
{
    readyUrls["Worker"] = new Uri(workerUrl, "/health/ready");
}
using var health = new ServiceHealth(readyUrls);
var memoryByPhase = new List<PhaseMemory>();
void RecordMemory(string phase) =>
    memoryByPhase.Add(new PhaseMemory(phase, MachineProbe.PeakRssMb(settings.ApiPid), MachineProbe.PeakRssMb(settings.WorkerPid)));
RecordMemory("start-up");

LatencyResult? latency = null;
listener.Phase = "latency";
try
{
    await health.CheckAsync("before the latency phase");
    using var probe = new LatencyProbe(settings);
    latency = await probe.RunAsync();
    await health.CheckAsync("after the latency phase");
    RecordMemory("latency");
}
catch (Exception exception)
{
    notes.Add($"Latency not measured: {exception.GetType().Name}: {exception.Message}");
}

var contacts = await Guarded("contacts", bus.ContactsAsync);

SharedBudgetResult sharedBudget;
listener.Phase = "shared-budget";
try
{
    await health.CheckAsync("before the shared-budget phase");
    if (settings.WorkerUrl is null)
    {
        throw new InvalidOperationException("run.sh gave no Worker URL (BENCH_WORKER_URL).");
    }
    var benchWorker = ("worker", settings.WorkerUrl, Environment.GetEnvironmentVariable("BENCH_WORKER_LOG") ?? Path.Combine(settings.ResultsDirectory, "worker.log"));
    sharedBudget = await new SharedBudgetPhase("shared-budget", settings, bus, sender, settings.ExtraWorkers, benchWorker).RunAsync(
        "the machine's RabbitMQ node",
        $"{1 + settings.ExtraWorkers.Count} Workers of the same build and settings (no HubSpot__RateLimits__Share) consuming the contact queue, " +
        "each counting the queue's consumers every 2 s and taking 1/N of HubSpot's budget; RabbitMQ, PostgreSQL, the Api, the emulator " +
        "and the runner share the same cores.");
    await health.CheckAsync("after the shared-budget phase");
    RecordMemory("shared-budget");
}
catch (Exception exception)
{
    notes.Add($"Shared-budget phase not measured: {exception.GetType().Name}: {exception.Message}");
    Console.WriteLine($"[shared-budget] failed: {exception}");
    sharedBudget = SharedBudgetResult.Skipped(exception.Message);
}

SharedBudgetResult clusterBudget;
listener.Phase = ClusterSharedBudgetPhase.Name;
try
{
    await health.CheckAsync("before the shared-budget phase on the cluster");
    clusterBudget = await ClusterSharedBudgetPhase.RunAsync(settings, emulator, cpu, notes);
    await health.CheckAsync("after the shared-budget phase on the cluster");
    RecordMemory(ClusterSharedBudgetPhase.Name);
}
catch (Exception exception)
{
    notes.Add($"Shared-budget phase on the cluster not measured: {exception.GetType().Name}: {exception.Message}");
    Console.WriteLine($"[{ClusterSharedBudgetPhase.Name}] failed: {exception}");
    clusterBudget = SharedBudgetResult.Skipped(exception.Message);
}
listener.Phase = "setup";

SetupResult? setup = null;
IReadOnlyList<string> contactIds = [];
try
{
    var needed = Math.Max(settings.DealWarmupCommands + settings.DealCommands, settings.TicketWarmupCommands + settings.TicketCommands);
    Console.WriteLine($"[setup] {needed} contacts for the deals and tickets (not measured)…");
    (setup, contactIds) = await bus.SetupContactsAsync(needed);
}
catch (Exception exception)
{
    notes.Add($"Contacts for deals and tickets not created: {exception.GetType().Name}: {exception.Message}");
}
var deals = contactIds.Count > 0 ? await Guarded("deals", () => bus.DealsAsync(contactIds)) : WorkloadResult.Skipped("no contacts");
var tickets = contactIds.Count > 0 ? await Guarded("tickets", () => bus.TicketsAsync(contactIds)) : WorkloadResult.Skipped("no contacts");
var companies = await Guarded("companies", () => bus.CompaniesAsync(contactIds));

BulkResult bulk;
listener.Phase = "bulk";
try
{
    await health.CheckAsync("before the bulk phase");
    bulk = await new BulkLoad(settings, emulator, sender, cpu).RunAsync(
        "the Worker consuming the contact queue while the batches come in (rate-limited to HubSpot's budget, so a backlog grows), " +
        "the Api also recording result events in PostgreSQL; RabbitMQ, PostgreSQL, the emulator and the runner share the same cores.");
    await health.CheckAsync("after the bulk phase");
    RecordMemory("bulk");
}
catch (Exception exception)
{
    notes.Add($"Bulk phase not measured: {exception.GetType().Name}: {exception.Message}");
    bulk = BulkResult.Skipped(exception.Message);
}

WebhookResult? webhooks = null;
WebhookReceiver? receiver = null;
listener.Phase = "webhooks";
try
{
    if (settings is not { WebhookPort: { } port, WebhookSecret: { } secret, WebhookApiKey: not null })
    {
        throw new InvalidOperationException("run.sh gave no webhook client (BENCH_WEBHOOK_PORT, BENCH_WEBHOOK_SECRET, BENCH_WEBHOOK_API_KEY).");
    }
    // Kept to the end of the run: a late copy finds someone to answer it rather than an error in the Api's log.
    receiver = await WebhookReceiver.StartAsync(port, secret);
    await health.CheckAsync("before the webhook phase");
    webhooks = await new WebhookLoad(settings, receiver, emulator, sender, cpu).RunAsync(
        "the Worker consuming the contact queue (rate-limited to HubSpot's budget), the Api recording result events in PostgreSQL " +
        "and delivering each final request's webhook to the runner's receiver, which checks every signature; RabbitMQ, PostgreSQL, " +
        "the emulator and the runner (submitting clients and receiver) share the same cores; the Api's Webhooks:ConcurrencyPerEndpoint is " +
        $"{(Environment.GetEnvironmentVariable("BENCH_WEBHOOK_CONCURRENCY_PER_ENDPOINT") is { Length: > 0 } limit ? limit : "its default")} " +
        "(attempts in flight to the receiver).");
    await health.CheckAsync("after the webhook phase");
    RecordMemory("webhooks");
}
catch (Exception exception)
{
    notes.Add($"Webhook phase not measured: {exception.GetType().Name}: {exception.Message}");
}
await using var receiverLifetime = receiver;

ApiIntakeResult? api = null;
listener.Phase = "api intake";
try
{
    await health.CheckAsync("before the Api intake");
    api = await new IntakeLoad(settings, cpu).RunAsync(
        "the Worker running and consuming the same contact queue (rate-limited to HubSpot's budget, so a backlog grows), " +
        "the Api also recording result events in PostgreSQL; wrk, RabbitMQ, PostgreSQL, the emulator and the runner share the same cores; " +
        $"the Api's connection string caps its PostgreSQL pool at {Environment.GetEnvironmentVariable("BENCH_DB_POOL_SIZE") ?? "100 (Npgsql's default)"} connections.");
}
catch (Exception exception)
{
    notes.Add($"Api intake not measured: {exception.GetType().Name}: {exception.Message}");
}

var memory = new MemoryResult(MachineProbe.PeakRssMb(settings.ApiPid), MachineProbe.PeakRssMb(settings.WorkerPid),
    "VmHWM from /proc/<pid>/status at the end of the run: the largest resident set each process had over the whole run " +
    "(start-up, all workloads and the Api intake).", memoryByPhase);
foreach (var (name, pid) in new[] { ("Api", settings.ApiPid), ("Worker", settings.WorkerPid) })
{
    if (pid is not null && !MachineProbe.IsAlive(pid))
    {
        notes.Add($"The {name} process (pid {pid}) was no longer running at the end of the run.");
    }
}
await health.CheckAsync("after the Api intake");
RecordMemory("api intake");
notes.AddRange(health.Problems);
notes.AddRange(LogDigest.Errors("Worker", Environment.GetEnvironmentVariable("BENCH_WORKER_LOG"), startedAt));
notes.AddRange(LogDigest.Errors("Api", Environment.GetEnvironmentVariable("BENCH_API_LOG"), startedAt));
foreach (var extra in settings.ExtraWorkers.Concat(settings.ClusterWorkers))
{
    notes.AddRange(LogDigest.Errors(extra.Name, extra.LogPath, startedAt));
}
foreach (var brokerEvent in listener.BrokerEvents)
{
    notes.Add($"Broker: {brokerEvent}. Figures of that phase are not representative.");
}

var checks = Targets.Evaluate(contacts, sharedBudget, clusterBudget, tickets, deals, companies, bulk, webhooks, api, latency, memory);
var report = new BenchReport(
    Schema: 1,
    Date: DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
    RunId: settings.RunId,
    Machine: MachineProbe.Describe(loadAtStart),
    GitCommit: settings.GitCommit,
    GitDirty: settings.GitDirty,
    Source: settings.Source,
    EmulatorSettings: emulatorSettings,
    Contacts: contacts,
    SharedBudget: sharedBudget,
    SharedBudgetCluster: clusterBudget,
    Tickets: tickets,
    Deals: deals,
    Companies: companies,
    Bulk: bulk,
    Webhooks: webhooks,
    Api: api,
    Latency: latency,
    Memory: memory,
    Setup: setup,
    TotalSeconds: Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
    UnmatchedResultEvents: listener.Unmatched,
    Checks: checks,
    Notes: notes);

Directory.CreateDirectory(settings.ResultsDirectory);
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    WriteIndented = true,
    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
});
await File.WriteAllTextAsync(Path.Combine(settings.ResultsDirectory, "latest.json"), json + "\n");
await File.WriteAllTextAsync(Path.Combine(settings.ResultsDirectory, "latest.md"), MarkdownReport.Render(report));

Console.WriteLine();
foreach (var check in checks)
{
    Console.WriteLine($"{(check.Met == true ? "met    " : "NOT MET")}  {check.Name}: {check.Measured} (target {check.Target})");
}
Console.WriteLine($"Wrote {settings.ResultsDirectory}/latest.json and latest.md");
var enforce = Environment.GetEnvironmentVariable("BENCH_ENFORCE_TARGETS") is "1" or "true";
return enforce && checks.Any(c => c.Met != true) ? 2 : 0;

async Task<WorkloadResult> Guarded(string name, Func<Task<WorkloadResult>> run)
{
    try
    {
        listener.Phase = name;
    await health.CheckAsync($"before the {name} workload");
    var result = await run();
    await health.CheckAsync($"after the {name} workload");
    RecordMemory(name);
    return result;
    }
    catch (Exception exception)
    {
        // The broker can go away under a run on a shared machine (outage tests stop RabbitMQ): record it and go on.
        notes.Add($"The {name} workload did not run to the end: {exception.GetType().Name}: {exception.Message}");
        Console.WriteLine($"[{name}] failed: {exception}");
        return WorkloadResult.Skipped(exception.Message);
    }
}
