using HubSpotCrm.Worker.HubSpot;
using NetArchTest.Rules;

namespace HubSpotCrm.Worker.Tests.Architecture;

/// <summary>Layers point down: the HubSpot client knows nothing of commands, batches of commands or pausing.</summary>
public sealed class LayeringTests
{
    private const string HubSpotLayer = "HubSpotCrm.Worker.HubSpot";

    /// <summary>Beside itself, the HubSpot layer may use the Worker's metrics, and nothing else of the Worker.</summary>
    private static readonly string[] BelowHubSpot = [HubSpotLayer, "HubSpotCrm.Worker.Diagnostics"];

    [Fact]
    public void The_HubSpot_layer_uses_no_part_of_the_Worker_above_it_nor_the_bus_contracts()
    {
        var worker = typeof(HubSpotClient).Assembly;
        string[] above =
        [
            .. worker.GetTypes()
                .Select(t => t.Namespace)
                .OfType<string>()
                .Where(ns => ns.StartsWith("HubSpotCrm.Worker.", StringComparison.Ordinal))
                .Select(ns => string.Join('.', ns.Split('.').Take(3)))
                .Distinct()
                .Except(BelowHubSpot),
            "HubSpotCrm.Contracts",
        ];
        Assert.Contains("HubSpotCrm.Worker.Commands", above);
        Assert.Contains("HubSpotCrm.Worker.Availability", above);

        var result = Types.InAssembly(worker)
            .That().ResideInNamespaceMatching(@"^HubSpotCrm\.Worker\.HubSpot(\.|$)")
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();

        Assert.Contains(result.SelectedTypesForTesting, t => t.ReflectionType == typeof(HubSpotClient));
        Assert.True(result.IsSuccessful,
            "The HubSpot layer depends on layers above it: " +
            string.Join("; ", result.FailingTypes.Select(t => $"{t.FullName} ({t.Explanation})")));
    }
}
