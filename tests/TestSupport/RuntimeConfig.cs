using System.Text.Json.Nodes;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// The runtime settings a service's project file writes into its runtimeconfig.json, which the SDK copies beside the
/// tests of a project that references the service: what every way of starting the service gets.
/// </summary>
public static class RuntimeConfig
{
    public static JsonNode PropertiesOf(string assemblyName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"{assemblyName}.runtimeconfig.json")))!
            ["runtimeOptions"]!["configProperties"]!;
}
