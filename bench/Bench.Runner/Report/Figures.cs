using System.Text.Json.Nodes;

namespace HubSpotCrm.Bench.Report;

/// <summary>One bus workload. The first nine figures are over the measured window (warm-up excluded); see README.</summary>
internal sealed record WorkloadResult(
    int Commands,
    int Objects,
    double Seconds,
    double ObjectsPerSecond,
    long HubspotCalls,
    double CallsPerObject,
    long Http429,
    int Failed,
    double PercentOfCeiling,
    string Status,
    int ObjectsPerCommand,
    int FailedObjects,
    IReadOnlyList<string> FailureSamples,
    string PercentOfCeilingDefinition,
    WarmupPart Warmup,
    EndToEndPart EndToEnd,
    IReadOnlyDictionary<string, long> CallsByRoute,
    IReadOnlyDictionary<string, long> NonSuccessCalls,
    IReadOnlyList<int> TimelineObjectsPerSecond,
    CpuUsage? Cpu)
{
    public static WorkloadResult Skipped(string reason) => new(0, 0, 0, 0, 0, 0, 0, 0, 0, "skipped: " + reason, 0, 0, [],
        "", new WarmupPart(0, 0), new EndToEndPart(0, 0, 0, 0, 0, 0), new Dictionary<string, long>(), new Dictionary<string, long>(), [], null);
}

internal sealed record WarmupPart(int Commands, int Objects);

/// <summary>The whole workload, warm-up included, from the first command published to the last result received.</summary>
internal sealed record EndToEndPart(int Commands, int Objects, double Seconds, double ObjectsPerSecond, long HubspotCalls, double PublishSeconds);

/// <summary>Contacts created through the bus for the deal and ticket workloads; not measured.</summary>
internal sealed record SetupResult(int Commands, int ContactIds, double Seconds, IReadOnlyList<string> FailureSamples);

internal sealed record ApiIntakeResult(
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    int Connections,
    int Threads,
    double Seconds,
    long Accepted,
    long NonAccepted,
    IReadOnlyDictionary<string, long> Statuses,
    IReadOnlyDictionary<string, long> SocketErrors,
    double P90Ms,
    double MaxMs,
    string Status,
    string Conditions,
    int WarmupSeconds,
    CpuUsage? Cpu,
    double HealthLiveRequestsPerSecond);

/// <summary>The bulk phase: contacts in batches through POST /api/v1/hubspot/contacts/batch, followed to completion; see README.</summary>
/// <param name="LeftInQueue">Commands still waiting in the contact queue when the phase ended (commands of refused batches included).</param>
internal sealed record BulkResult(
    int Batches,
    int BatchSize,
    int Clients,
    string Status,
    BulkIntake Intake,
    BulkEndToEnd EndToEnd,
    BulkSustained? Sustained,
    uint LeftInQueue,
    IReadOnlyList<string> FailureSamples,
    string Conditions)
{
    public static BulkResult Skipped(string reason) => new(0, 0, 0, "skipped: " + reason,
        new BulkIntake(0, 0, 0, 0, 0, 0, 0, new Dictionary<string, int>(), [], [], null),
        new BulkEndToEnd(0, 0, 0, 0, 0, 0, 0, "", 0, 0, 0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(), [], null),
        null, 0, [], "");

    /// <summary>Every POST answered 202 and every accepted batch completed.</summary>
    public bool Ran => Intake.ContactsAccepted > 0 && Status.StartsWith("complete", StringComparison.Ordinal);
}

/// <summary>From the first POST sent to the last 202 received.</summary>
/// <param name="Statuses">POST answers by HTTP status, or by the exception when there was no answer.</param>
/// <param name="ErrorSamples">The first answers other than 202, with their bodies.</param>
internal sealed record BulkIntake(
    int BatchesAccepted,
    int ContactsAccepted,
    double Seconds,
    double ContactsPerSecond,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    IReadOnlyDictionary<string, int> Statuses,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyList<int> TimelineContactsAcceptedPerSecond,
    CpuUsage? Cpu);

/// <summary>From the first POST sent to the last item's completion (the latest completedAt of the accepted batches).</summary>
/// <param name="StillAccepted">Items not final when the phase gave up waiting.</param>
/// <param name="DrainSeconds">From the last 202 to the last completion: how long the Worker's backlog took to clear.</param>
/// <param name="CallsPerContact">CRM calls over the phase / contacts written (succeeded items, or the new contacts in HubSpot when more).</param>
/// <param name="ContactsCreatedInHubspot">
/// New contacts in the emulator over the phase: more than <paramref name="Succeeded"/> when commands of batches answered
/// other than 202 reached the queue anyway and were written.
/// </param>
internal sealed record BulkEndToEnd(
    int BatchesCompleted,
    int Succeeded,
    int Failed,
    int StillAccepted,
    double Seconds,
    double ContactsPerSecond,
    double PercentOfCeiling,
    string PercentOfCeilingDefinition,
    double DrainSeconds,
    long HubspotCalls,
    double CallsPerContact,
    long Http429,
    long ContactsCreatedInHubspot,
    IReadOnlyDictionary<string, long> CallsByRoute,
    IReadOnlyDictionary<string, long> NonSuccessCalls,
    IReadOnlyList<int> TimelineContactsPerSecond,
    CpuUsage? Cpu);

/// <summary>
/// The items completed after the first <paramref name="AfterContacts"/> (one rate-limit window's worth) had, to the last:
/// the rate the Worker sustains once a budget saved up before the phase is spent, measured as the bus workloads are.
/// </summary>
internal sealed record BulkSustained(int AfterContacts, int Contacts, double Seconds, double ContactsPerSecond, double PercentOfCeiling);

/// <summary>The webhook phase: single contacts through the Api, their completion webhooks to the runner's receiver; see README.</summary>
/// <param name="KeepUpPercent">deliveriesPerSecond / resultsPerSecond over the same window.</param>
/// <param name="Final">Accepted requests final at the end: delivered ones and lost ones.</param>
/// <param name="Lost">Requests final (as GET /api/v1/requests/{id} shows them) with no delivery when the drain ended.</param>
/// <param name="NotFinal">Requests without a delivery that were not final either: the Worker had not done them.</param>
/// <param name="Unread">Requests without a delivery that could not be read in time (neither counted lost nor not final).</param>
/// <param name="Duplicates">Copies received beyond the first, per webhook-id.</param>
/// <param name="Malformed">Correctly signed deliveries whose body is not the final request their webhook-id names.</param>
/// <param name="Unexpected">Deliveries for requests the phase has no 202 for (none of its submissions, or one whose answer it did not get).</param>
/// <param name="ApiOutcomes">The Api's delivery attempts over the phase by outcome (hubspotcrm_api_webhook_deliveries_total).</param>
/// <param name="DrainSeconds">From the last submission's answer to the last delivery received.</param>
internal sealed record WebhookResult(
    string Status,
    int SubmitPerSecondTarget,
    int Clients,
    WebhookSubmissions Submissions,
    double WindowSeconds,
    string WindowDefinition,
    double DeliveriesPerSecond,
    double ResultsPerSecond,
    double KeepUpPercent,
    double ResultsPercentOfCeiling,
    double FinalToReceivedP50Ms,
    double FinalToReceivedP90Ms,
    double FinalToReceivedP99Ms,
    double FinalToReceivedMaxMs,
    int Delivered,
    int Final,
    int Lost,
    IReadOnlyDictionary<string, int> LostByWebhookState,
    int NotFinal,
    int Unread,
    IReadOnlyList<string> MissingSamples,
    int Duplicates,
    long BadSignatures,
    long Malformed,
    int Unexpected,
    IReadOnlyList<string> ReceiverProblems,
    IReadOnlyDictionary<string, long> ApiOutcomes,
    double DrainSeconds,
    long HubspotCalls,
    long Http429,
    IReadOnlyList<int> TimelineDeliveriesPerSecond,
    IReadOnlyList<int> TimelineResultsPerSecond,
    string Conditions,
    CpuUsage? Cpu)
{
    /// <summary>Attempts the Api saw fail and sent again: the copies at-least-once delivery may legitimately bring.</summary>
    public long RetriedAttempts => ApiOutcomes.GetValueOrDefault("retrying");

    public bool Ran => Submissions.Accepted > 0;
}

/// <summary>POST /api/v1/hubspot/contact as the webhook client, from the first sent to the last answered.</summary>
/// <param name="Statuses">Answers by HTTP status, or by the exception when there was no answer.</param>
internal sealed record WebhookSubmissions(int Sent, int Accepted, double Seconds, double AcceptedPerSecond, double P50Ms, double P99Ms,
    IReadOnlyDictionary<string, int> Statuses);

internal sealed record LatencyResult(
    double P50Ms,
    double P99Ms,
    int Samples,
    int Succeeded,
    int Failed,
    double MeanMs,
    double MaxMs,
    double ServerP50Ms,
    double ServerP99Ms,
    int PollIntervalMs,
    string Status,
    double SubmitP50Ms,
    double SubmitP99Ms);

/// <summary>
/// A shared-budget phase (issue 15): three Workers, none with a share of HubSpot's budget configured, consuming the
/// contact queue together: on the machine's broker the bench's Worker and the two run.sh started frozen, on the 3-node
/// cluster the three run.sh started frozen for it; see README "shared-budget".
/// </summary>
/// <param name="Broker">Which broker the Workers consumed from, and for the cluster how long it took to start.</param>
/// <param name="WithBenchWorker">Whether the bench's Worker was one of them (then stopping waits until it has the whole budget again).</param>
/// <param name="Contacts">The contacts workload as the three ran it, measured as the single-Worker one is (warm-up, window, end to end).</param>
/// <param name="Http429Percent">429 answers / all CRM calls over the whole workload, warm-up included.</param>
/// <param name="ContinueToConsumersSeconds">SIGCONT to the frozen Workers → the contact queue has a consumer per Worker.</param>
/// <param name="ConsumersToSharesSeconds">→ every Worker has logged taking 1/N of the budget (null: not all did in time).</param>
/// <param name="QuietBeforeSeconds">From the start of the phase (the previous phase's last result) to the first command published.</param>
/// <param name="StopSeconds">SIGTERM → the Workers gone (and with the bench's Worker among them: the queue back to one consumer and it back to the whole budget).</param>
/// <param name="PhaseSeconds">The whole phase, start and stop included.</param>
internal sealed record SharedBudgetResult(
    string Status,
    string Broker,
    bool WithBenchWorker,
    int Workers,
    WorkloadResult Contacts,
    double Http429Percent,
    IReadOnlyList<SharedBudgetWorker> PerWorker,
    double ContinueToConsumersSeconds,
    double? ConsumersToSharesSeconds,
    double QuietBeforeSeconds,
    double StopSeconds,
    double PhaseSeconds,
    string WindowMeasure,
    string Conditions)
{
    public static SharedBudgetResult Skipped(string reason) =>
        new("skipped: " + reason, "", false, 0, WorkloadResult.Skipped(reason), 0, [], 0, null, 0, 0, 0, "", "");

    public bool Ran => Contacts.Objects > 0 && Contacts.Status.StartsWith("complete", StringComparison.Ordinal);
}

/// <param name="Share">The share of the budget it had logged taking when publishing began (null: none logged).</param>
/// <param name="HubspotCalls">CRM calls over the workload by its own /metrics (null: /metrics did not answer).</param>
/// <param name="Cores">Cores it used over the workload.</param>
internal sealed record SharedBudgetWorker(string Name, double? Share, int? CallsPer10S, long? HubspotCalls, long? Http429, double? Cores);

internal sealed record MemoryResult(double? ApiPeakMb, double? WorkerPeakMb, string Source, IReadOnlyList<PhaseMemory> PeakSoFarAfterPhase);

/// <summary>VmHWM after a phase: where the peak was reached.</summary>
internal sealed record PhaseMemory(string Phase, double? ApiPeakMb, double? WorkerPeakMb);

internal sealed record MachineInfo(int Nproc, double MemoryGb, string CpuModel, string Os, string LoadAverageAtStart, string LoadAverageAtEnd);

internal sealed record Check(string Name, string Measured, string Target, bool? Met);

internal sealed record BenchReport(
    int Schema,
    string Date,
    string RunId,
    MachineInfo Machine,
    string GitCommit,
    bool GitDirty,
    string Source,
    JsonObject EmulatorSettings,
    WorkloadResult Contacts,
    SharedBudgetResult SharedBudget,
    SharedBudgetResult SharedBudgetCluster,
    WorkloadResult Tickets,
    WorkloadResult Deals,
    WorkloadResult Companies,
    BulkResult Bulk,
    WebhookResult? Webhooks,
    ApiIntakeResult? Api,
    LatencyResult? Latency,
    MemoryResult Memory,
    SetupResult? Setup,
    double TotalSeconds,
    long UnmatchedResultEvents,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<string> Notes);
