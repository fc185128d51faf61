using System.Text.Json.Nodes;

namespace HubSpotCrm.Worker.Tests.Diagnostics;

/// <summary>
/// The memory and thread-pool settings of src/Worker's project file, as every way of starting the Worker gets them: its
/// runtimeconfig.json (bench/README.md, "Findings", has the measurements behind each).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static readonly JsonNode Settings = RuntimeConfig.PropertiesOf("HubSpotCrm.Worker");

    [Fact]
    public void The_Worker_runs_workstation_GC_with_background_collections()
    {
        Assert.False(Settings["System.GC.Server"]?.GetValue<bool>());
        // Non-concurrent workstation GC lets the gen0 and gen1 budgets grow to 200 MB.
        Assert.True(Settings["System.GC.Concurrent"]?.GetValue<bool>() ?? true);
    }

    [Fact]
    public void The_Worker_bounds_its_gen0_budget_whatever_the_machine_s_cache()
    {
        Assert.Equal(6 * 1024 * 1024, Settings["System.GC.Gen0MaxBudget"]?.GetValue<int>());
    }

    [Fact]
    public void The_Worker_lets_gen2_collections_compact_a_fragmented_gen2()
    {
        // Background GC only sweeps: the space of commands that died in gen2 would otherwise stay committed.
        Assert.Equal(7, Settings["System.GC.ConserveMemory"]?.GetValue<int>());
    }

    [Fact]
    public void The_Worker_compiles_each_method_once()
    {
        Assert.False(Settings["System.Runtime.TieredCompilation"]?.GetValue<bool>());
    }

    [Fact]
    public void The_Worker_s_thread_pool_grows_only_when_work_is_starved()
    {
        // Hill climbing added 15-26 threads on bursts after an idle spell, and with them the Worker's peak RSS.
        Assert.True(Settings["System.Threading.ThreadPool.HillClimbing.Disable"]?.GetValue<bool>());
        Assert.NotEqual(true, Settings["System.Threading.ThreadPool.DisableStarvationDetection"]?.GetValue<bool>());
    }
}
