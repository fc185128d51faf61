using System.Text.Json.Serialization;
using HubSpotEmulator.Json;

namespace HubSpotEmulator.Search;

/// <summary>Body of <c>POST /crm/v3/objects/{objectType}/search</c>.</summary>
internal sealed record SearchRequest(
    IReadOnlyList<FilterGroup>? FilterGroups,
    [property: JsonConverter(typeof(SortRulesConverter))] IReadOnlyList<SortRule>? Sorts,
    string? Query,
    IReadOnlyList<string>? Properties,
    int? Limit,
    [property: JsonConverter(typeof(LenientStringConverter))] string? After);

internal sealed record FilterGroup(IReadOnlyList<SearchFilter>? Filters);

internal sealed record SearchFilter(
    string? PropertyName,
    string? Operator,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Value,
    [property: JsonConverter(typeof(LenientStringConverter))] string? HighValue,
    [property: JsonConverter(typeof(LenientStringListConverter))] IReadOnlyList<string?>? Values);
