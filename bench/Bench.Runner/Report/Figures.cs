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
    WorkloadResult Tickets,
    WorkloadResult Deals,
    WorkloadResult Companies,
    BulkResult Bulk,
    ApiIntakeResult? Api,
    LatencyResult? Latency,
    MemoryResult Memory,
    SetupResult? Setup,
    double TotalSeconds,
    long UnmatchedResultEvents,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<string> Notes);
