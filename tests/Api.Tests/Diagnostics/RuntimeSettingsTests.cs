using System.Text.Json.Nodes;
using HubSpotCrm.TestSupport;

namespace HubSpotCrm.Api.Tests.Diagnostics;

/// <summary>
/// The thread-pool setting of src/Api's project file, as every way of starting the Api gets it: its runtimeconfig.json
/// (bench/README.md, finding 8, has the measurements).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static readonly JsonNode Settings = RuntimeConfig.PropertiesOf("HubSpotCrm.Api");

    [Fact]
    public void The_Api_s_thread_pool_grows_only_when_work_is_starved()
    {
        Assert.True(Settings["System.Threading.ThreadPool.HillClimbing.Disable"]?.GetValue<bool>());
        Assert.NotEqual(true, Settings["System.Threading.ThreadPool.DisableStarvationDetection"]?.GetValue<bool>());
    }
}
