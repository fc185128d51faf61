namespace HubSpotEmulator.Configuration;

internal sealed class SearchOptions
{
    public int IndexingLagMs { get; set; } = 2000;

    public int MaxFilterGroups { get; set; } = 5;

    public int MaxFiltersPerGroup { get; set; } = 6;

    public int MaxFilters { get; set; } = 18;

    public int MaxLimit { get; set; } = 200;

    public int MaxResultWindow { get; set; } = 10_000;
}
