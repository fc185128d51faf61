namespace HubSpotCrm.Worker.Tests.Diagnostics;

/// <summary>
/// Tests that count what the Worker's meter records. OpenTelemetry listens to a meter by its name across the process,
/// so the HubSpot calls of tests running beside them would be counted too: these run alone, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsCollection
{
    public const string Name = "process-wide metrics";
}
