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
    ApiIntakeResult? Api,
    LatencyResult? Latency,
    MemoryResult Memory,
    SetupResult? Setup,
    double TotalSeconds,
    long UnmatchedResultEvents,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<string> Notes);
