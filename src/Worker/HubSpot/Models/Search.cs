namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>HubSpot's spec requires every field; <see cref="After"/> is an offset, "0" for the first page.</summary>
public sealed record SearchRequest(
    List<FilterGroup> FilterGroups,
    List<SearchSort> Sorts,
    List<string> Properties,
    int Limit,
    string After = SearchRequest.FirstPage)
{
    public const string FirstPage = "0";
}

public sealed record FilterGroup(List<SearchFilter> Filters);

public sealed record SearchFilter(string PropertyName, string Operator, string? Value = null, string? HighValue = null, List<string>? Values = null);

public sealed record SearchSort(string PropertyName, string Direction);

public sealed record SearchResponse(int Total, List<HubSpotObject> Results, Paging? Paging = null);
