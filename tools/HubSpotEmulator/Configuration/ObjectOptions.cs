namespace HubSpotEmulator.Configuration;

internal sealed class ObjectOptions
{
    /// <summary>HubSpot's docs disagree on whether a requested property without a value is returned as null or left out.</summary>
    public bool OmitMissingProperties { get; set; }

    /// <summary>Deals need dealname and dealstage, tickets subject and hs_pipeline_stage on create, as HubSpot's docs list them.</summary>
    public bool EnforceRequiredProperties { get; set; } = true;
}
