namespace HubSpotEmulator.Configuration;

internal sealed class PropertyOptions
{
    /// <summary>false emulates an account that may not create unique-value properties (403).</summary>
    public bool AllowUniqueProperties { get; set; } = true;

    public int MaxUniquePropertiesPerType { get; set; } = 10;
}
