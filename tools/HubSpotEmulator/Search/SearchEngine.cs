using System.Globalization;
using HubSpotEmulator.Associations;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Properties;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Search;

/// <summary>
/// Evaluates a search over what the index holds: each object as it was <c>IndexingLagMs</c> ago (new objects
/// appear late, changes show late), never archived ones. Scans all objects of the type; fine at emulator sizes.
/// </summary>
internal sealed class SearchEngine(
    ObjectStore objects,
    AssociationStore associations,
    PropertyRegistry registry,
    ObjectResponses responses,
    TimeProvider clock,
    IOptions<EmulatorOptions> options)
{
    private const int MaxQueryLength = 3000;
    private const int DefaultLimit = 10;

    public InputError? Search(ObjectTypeInfo type, SearchRequest request, out SearchResponse? response)
    {
        response = null;
        var limits = options.Value.Search;
        var limit = request.Limit ?? DefaultLimit;
        if (limit < 1 || limit > limits.MaxLimit)
        {
            return InputError.BadRequest($"limit must be between 1 and {limits.MaxLimit}.");
        }

        var after = 0;
        if (request.After is not null && (!int.TryParse(request.After, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return InputError.BadRequest($"after must be a non-negative integer, not \"{request.After}\".");
        }

        if ((long)after + limit > limits.MaxResultWindow)
        {
            return InputError.BadRequest(
                $"Search results are limited to {limits.MaxResultWindow}: after ({after}) + limit ({limit}) goes beyond result {limits.MaxResultWindow}.");
        }

        if (request.Query is { Length: > MaxQueryLength })
        {
            return InputError.BadRequest($"query must be at most {MaxQueryLength} characters.");
        }

        if (request.Sorts is { Count: > 1 })
        {
            return InputError.BadRequest("Only one sort is supported.");
        }

        var sort = request.Sorts is [var rule] ? rule : null;
        PropertyDefinition? sortDefinition = null;
        if (sort is not null && !registry.TryGet(type, sort.PropertyName, out sortDefinition))
        {
            return InputError.BadRequest($"Cannot sort by \"{sort.PropertyName}\": the property does not exist.");
        }

        if (Compile(type, request.FilterGroups, out var groups) is { } filterError)
        {
            return filterError;
        }

        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var terms = request.Query?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var matches = new List<(CrmObject Object, ObjectVersion Version)>();
        foreach (var candidate in objects[type].Snapshot())
        {
            if (candidate.Current.Archived || candidate.SearchVersion(nowMs) is not { } version)
            {
                continue;
            }

            if ((groups.Count == 0 || groups.Exists(g => g.TrueForAll(f => f.Matches(candidate, version, associations))))
                && MatchesQuery(type, version, terms))
            {
                matches.Add((candidate, version));
            }
        }

        Sort(matches, sort, sortDefinition);
        var names = PropertySelection.Resolve(type, request.Properties, registry);
        var page = matches.Skip(after).Take(limit).Select(m => responses.Selected(m.Object, m.Version, names)).ToList();
        var next = after + limit < matches.Count ? new Paging(new PagingNext((after + limit).ToString(CultureInfo.InvariantCulture))) : null;
        response = new SearchResponse(matches.Count, page, next);
        return null;
    }

    private InputError? Compile(ObjectTypeInfo type, IReadOnlyList<FilterGroup>? filterGroups, out List<List<CompiledFilter>> groups)
    {
        groups = [];
        var limits = options.Value.Search;
        var requested = filterGroups ?? [];
        if (requested.Count > limits.MaxFilterGroups)
        {
            return InputError.BadRequest($"Too many filterGroups: {requested.Count}. The maximum is {limits.MaxFilterGroups}.");
        }

        var total = 0;
        if (RequiredFields.Check(requested, ("filters", static g => g.Filters is not null)) is { } missing)
        {
            return missing;
        }

        foreach (var group in requested)
        {
            var filters = group.Filters!;
            if (filters.Count > limits.MaxFiltersPerGroup)
            {
                return InputError.BadRequest($"Too many filters in a filterGroup: {filters.Count}. The maximum is {limits.MaxFiltersPerGroup}.");
            }

            total += filters.Count;
            if (total > limits.MaxFilters)
            {
                return InputError.BadRequest($"Too many filters: the maximum is {limits.MaxFilters} across all filterGroups.");
            }

            var compiled = new List<CompiledFilter>(filters.Count);
            foreach (var filter in filters)
            {
                if (CompiledFilter.TryCompile(type, filter, registry, out var one) is { } error)
                {
                    return error;
                }

                compiled.Add(one!);
            }

            groups.Add(compiled);
        }

        return null;
    }

    /// <summary>Every query word must occur (ignoring case) in one of the type's default searchable properties.</summary>
    private static bool MatchesQuery(ObjectTypeInfo type, ObjectVersion version, string[] terms) =>
        terms.All(term => type.QueryProperties.Any(p =>
            version.Properties.TryGetValue(p, out var text) && text.Contains(term, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Default order is creation date ascending; ties, and objects without the sort property (last), go by id ascending.</summary>
    private static void Sort(List<(CrmObject Object, ObjectVersion Version)> matches, SortRule? sort, PropertyDefinition? definition)
    {
        if (sort is null || definition is null)
        {
            matches.Sort(static (a, b) => a.Object.CreatedAt.Ms != b.Object.CreatedAt.Ms
                ? a.Object.CreatedAt.Ms.CompareTo(b.Object.CreatedAt.Ms)
                : a.Object.Id.CompareTo(b.Object.Id));
            return;
        }

        var kind = ValueKinds.Of(definition);
        var direction = sort.Descending ? -1 : 1;
        matches.Sort((a, b) =>
        {
            var left = a.Version.Properties.GetValueOrDefault(sort.PropertyName);
            var right = b.Version.Properties.GetValueOrDefault(sort.PropertyName);
            var order = (left, right) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                _ => direction * (ValueKinds.Compare(kind, left, right) ?? 0),
            };
            return order != 0 ? order : a.Object.Id.CompareTo(b.Object.Id);
        });
    }
}
