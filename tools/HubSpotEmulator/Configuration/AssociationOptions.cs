namespace HubSpotEmulator.Configuration;

internal sealed class AssociationOptions
{
    /// <summary>HubSpot's changelog says 100 in one version and 1000 in a later one.</summary>
    public int BatchReadMaxInputs { get; set; } = 1000;

    public int BatchWriteMaxInputs { get; set; } = 2000;
}
