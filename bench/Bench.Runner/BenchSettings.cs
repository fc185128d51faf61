using System.Globalization;
using HubSpotCrm.Bench.Scaling;

namespace HubSpotCrm.Bench;

/// <summary>What bench/run.sh hands the runner, as BENCH_* environment variables.</summary>
internal sealed class BenchSettings
{
    public required Uri AmqpUri { get; init; }

    public required Uri ApiUrl { get; init; }

    public required Uri EmulatorUrl { get; init; }

    /// <summary>The Worker's base URL, for its readiness check; none when not given.</summary>
    public Uri? WorkerUrl { get; init; }

    public string ApiKey { get; init; } = "bench-key-0123456789";

    public string RunId { get; init; } = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public string ResultsDirectory { get; init; } = "bench/results";

    public string WrkScript { get; init; } = "bench/wrk/submit-contact.lua";

    public int? ApiPid { get; init; }

    public int? WorkerPid { get; init; }

    public int? EmulatorPid { get; init; }

    /// <summary>When the runner must have written its report (run.sh keeps the whole run under 10 minutes).</summary>
    public DateTimeOffset Deadline { get; init; } = DateTimeOffset.UtcNow.AddMinutes(8);

    // Emulator limits the run is made under (also given to the emulator at start by run.sh).
    public int TenSecondly { get; init; } = 110;

    public int SearchPerSecond { get; init; } = 5;

    public int LatencyMs { get; init; } = 50;

    // Workload sizes. Warm-up objects are published first in the same stream; see README "Method".
    public int Contacts { get; init; } = 33_000;

    public int ContactsWarmup { get; init; } = 11_000;

    public int DealCommands { get; init; } = 5_500;

    public int DealWarmupCommands { get; init; } = 1_900;

    public int DealsPerCommand { get; init; } = 2;

    public int TicketCommands { get; init; } = 5_500;

    public int TicketWarmupCommands { get; init; } = 1_900;

    public int TicketsPerCommand { get; init; } = 2;

    public int Companies { get; init; } = 33_000;

    public int CompaniesWarmup { get; init; } = 11_000;

    /// <summary>Contacts each company links (from the set-up contacts); 0 measures the upsert alone, as for contacts.</summary>
    public int CompanyContactLinks { get; init; }

    public TimeSpan WorkloadTimeout { get; init; } = TimeSpan.FromSeconds(110);

    // Bulk submissions through the Api (POST /api/v1/hubspot/contacts/batch); see README "bulk".
    public int BulkBatches { get; init; } = 40;

    public int BulkBatchSize { get; init; } = 1_000;

    /// <summary>HTTP clients posting batches at once, each on its own connection.</summary>
    public int BulkClients { get; init; } = 4;

    // Completion webhooks (issue 14): single contacts as the webhook client, delivered to the runner's receiver; see README "webhooks".
    /// <summary>The port run.sh gave the Api as the webhook client's Url (http://127.0.0.1:port/webhooks); none: no webhook phase.</summary>
    public int? WebhookPort { get; init; }

    /// <summary>The webhook client's signing secret (whsec_…), as run.sh gave it to the Api.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>The webhook client's API key: its own client, so that no other phase's requests get webhooks.</summary>
    public string? WebhookApiKey { get; init; }

    public int WebhookSeconds { get; init; } = 30;

    /// <summary>Submissions per second; above HubSpot's ceiling (1,100 contacts/s), so the Worker is never short of work.</summary>
    public int WebhookSubmitPerSecond { get; init; } = 1_200;

    public int WebhookClients { get; init; } = 64;

    /// <summary>The first seconds of submitting, left out of the measured window.</summary>
    public int WebhookWarmupSeconds { get; init; } = 5;

    /// <summary>How long, after the last submission, the deliveries are waited for before the missing ones count.</summary>
    public int WebhookDrainSeconds { get; init; } = 25;

    // Shared budget (issue 15): the Worker and the Workers run.sh started frozen, consuming the contact queue together.
    /// <summary>The Workers run.sh started frozen for the shared-budget phase (worker-2, worker-3); none: no such phase.</summary>
    public IReadOnlyList<ExtraWorker> ExtraWorkers { get; init; } = [];

    /// <summary>
    /// The Workers run.sh started frozen on the 3-node cluster (cluster-worker-1…3) for the shared-budget phase on it; none:
    /// no such phase.
    /// </summary>
    public IReadOnlyList<ExtraWorker> ClusterWorkers { get; init; } = [];

    /// <summary>scripts/rabbitmq/cluster.sh, which the cluster phase starts the cluster with and stops it with after.</summary>
    public string? ClusterScript { get; init; }

    /// <summary>The vhost the cluster Workers' RabbitMq:Uri names; the cluster phase makes it once the cluster runs.</summary>
    public string? ClusterVirtualHost { get; init; }

    /// <summary>
    /// Measured windows of the Workers' combined budget (after one window of warm-up): whole windows, so that the rate
    /// limit's steps do not bias the figure. Each window is Workers × ⌊110 / Workers⌋ calls × 100 contacts.
    /// </summary>
    public int SharedBudgetWindows { get; init; } = 3;

    public int LatencySamples { get; init; } = 50;

    public int LatencyWarmup { get; init; } = 5;

    public int ApiThreads { get; init; } = 2;

    public int ApiConnections { get; init; } = 64;

    public int ApiSeconds { get; init; } = 20;

    public int ApiWarmupSeconds { get; init; } = 5;

    public string GitCommit { get; init; } = "unknown";

    public bool GitDirty { get; init; }

    /// <summary>worktree (the working tree as it is) or head (the last commit, exported and built on its own).</summary>
    public string Source { get; init; } = "worktree";

    public static BenchSettings FromEnvironment() => new()
    {
        AmqpUri = new Uri(Required("BENCH_AMQP_URI")),
        ApiUrl = new Uri(Required("BENCH_API_URL")),
        EmulatorUrl = new Uri(Required("BENCH_EMULATOR_URL")),
        WorkerUrl = Text("BENCH_WORKER_URL") is { } worker ? new Uri(worker) : null,
        ApiKey = Text("BENCH_API_KEY") ?? "bench-key-0123456789",
        RunId = Text("BENCH_RUN_ID") ?? DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
        ResultsDirectory = Text("BENCH_RESULTS_DIR") ?? "bench/results",
        WrkScript = Text("BENCH_WRK_SCRIPT") ?? "bench/wrk/submit-contact.lua",
        ApiPid = Int("BENCH_API_PID"),
        WorkerPid = Int("BENCH_WORKER_PID"),
        EmulatorPid = Int("BENCH_EMULATOR_PID"),
        Deadline = Int("BENCH_DEADLINE_UNIX") is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.UtcNow.AddMinutes(8),
        TenSecondly = Int("BENCH_TEN_SECONDLY") ?? 110,
        SearchPerSecond = Int("BENCH_SEARCH_PER_SECOND") ?? 5,
        LatencyMs = Int("BENCH_HUBSPOT_LATENCY_MS") ?? 50,
        Contacts = Int("BENCH_CONTACTS") ?? 33_000,
        ContactsWarmup = Int("BENCH_CONTACTS_WARMUP") ?? 11_000,
        DealCommands = Int("BENCH_DEAL_COMMANDS") ?? 5_500,
        DealWarmupCommands = Int("BENCH_DEAL_WARMUP_COMMANDS") ?? 1_900,
        DealsPerCommand = Int("BENCH_DEALS_PER_COMMAND") ?? 2,
        TicketCommands = Int("BENCH_TICKET_COMMANDS") ?? 5_500,
        TicketWarmupCommands = Int("BENCH_TICKET_WARMUP_COMMANDS") ?? 1_900,
        TicketsPerCommand = Int("BENCH_TICKETS_PER_COMMAND") ?? 2,
        Companies = Int("BENCH_COMPANIES") ?? 33_000,
        CompaniesWarmup = Int("BENCH_COMPANIES_WARMUP") ?? 11_000,
        CompanyContactLinks = Int("BENCH_COMPANY_CONTACT_LINKS") ?? 0,
        WorkloadTimeout = TimeSpan.FromSeconds(Int("BENCH_WORKLOAD_TIMEOUT_SECONDS") ?? 110),
        BulkBatches = Int("BENCH_BULK_BATCHES") ?? 40,
        BulkBatchSize = Int("BENCH_BULK_BATCH_SIZE") ?? 1_000,
        BulkClients = Int("BENCH_BULK_CLIENTS") ?? 4,
        WebhookPort = Int("BENCH_WEBHOOK_PORT"),
        WebhookSecret = Text("BENCH_WEBHOOK_SECRET"),
        WebhookApiKey = Text("BENCH_WEBHOOK_API_KEY"),
        WebhookSeconds = Int("BENCH_WEBHOOK_SECONDS") ?? 30,
        WebhookSubmitPerSecond = Int("BENCH_WEBHOOK_SUBMIT_PER_SECOND") ?? 1_200,
        WebhookClients = Int("BENCH_WEBHOOK_CLIENTS") ?? 64,
        WebhookWarmupSeconds = Int("BENCH_WEBHOOK_WARMUP_SECONDS") ?? 5,
        WebhookDrainSeconds = Int("BENCH_WEBHOOK_DRAIN_SECONDS") ?? 25,
        ExtraWorkers = ExtraWorker.Parse(Text("BENCH_EXTRA_WORKER_PIDS"), Text("BENCH_EXTRA_WORKER_URLS"), Text("BENCH_RESULTS_DIR") ?? "bench/results", "worker-", 2),
        ClusterWorkers = ExtraWorker.Parse(Text("BENCH_CLUSTER_WORKER_PIDS"), Text("BENCH_CLUSTER_WORKER_URLS"), Text("BENCH_RESULTS_DIR") ?? "bench/results", "cluster-worker-", 1),
        ClusterScript = Text("BENCH_CLUSTER_SCRIPT"),
        ClusterVirtualHost = Text("BENCH_CLUSTER_VHOST"),
        SharedBudgetWindows = Int("BENCH_SHARED_BUDGET_WINDOWS") ?? 3,
        LatencySamples = Int("BENCH_LATENCY_SAMPLES") ?? 50,
        LatencyWarmup = Int("BENCH_LATENCY_WARMUP") ?? 5,
        ApiThreads = Int("BENCH_API_THREADS") ?? 2,
        ApiConnections = Int("BENCH_API_CONNECTIONS") ?? 64,
        ApiSeconds = Int("BENCH_API_SECONDS") ?? 20,
        ApiWarmupSeconds = Int("BENCH_API_WARMUP_SECONDS") ?? 5,
        GitCommit = Text("BENCH_GIT_COMMIT") ?? "unknown",
        GitDirty = Text("BENCH_GIT_DIRTY") is "true" or "1",
        Source = Text("BENCH_SOURCE") ?? "worktree",
    };

    /// <summary>Time left before the deadline, less what the later phases need.</summary>
    public TimeSpan Remaining(TimeSpan reserve) => Deadline - DateTimeOffset.UtcNow - reserve;

    private static string? Text(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Required(string name) =>
        Text(name) ?? throw new InvalidOperationException($"{name} is not set; run the benchmark with bench/run.sh.");

    private static int? Int(string name) => Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
}
