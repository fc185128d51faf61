using System.Globalization;
using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>
/// Reads a page of new contacts, deals, tickets and companies with a constant number of HubSpot calls: one search per type, then
/// one batch association read of the new contacts' deals and one batch read of those deals — never a call per object.
/// A request it cannot serve (a limit out of range, a cursor it did not issue) throws <see cref="NewObjectsRejectedException"/>.
/// </summary>
public sealed class NewObjectsReader(HubSpotClient hubSpot)
{
    public async Task<NewObjectsPage> ReadAsync(GetNewObjects request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > GetNewObjects.MaxLimit)
        {
            throw new NewObjectsRejectedException(new(NewObjectsRejected.InvalidLimit, $"must be between 1 and {GetNewObjects.MaxLimit}"));
        }
        var from = Positions(request);
        var since = request.Since.ToUnixTimeMilliseconds();
        var searches = NewObjectType.All.ToDictionary(type => type, type => SearchAsync(type, since, from.GetValueOrDefault(type.Name), request.Limit, cancellationToken));

        var contacts = await searches[NewObjectType.Contacts];
        var contactDeals = await DealsOfAsync(contacts, cancellationToken);
        var after = new Dictionary<string, KeysetPosition>(from, StringComparer.Ordinal);
        foreach (var (type, search) in searches)
        {
            if ((await search).LastOrDefault() is { } last)
            {
                after[type.Name] = KeysetPosition.After(last);
            }
        }

        return new NewObjectsPage(
            [.. contacts.Select(c => new NewContact(c.Id, c.CreatedAt, c.Properties, contactDeals.GetValueOrDefault(c.Id) ?? []))],
            [.. (await searches[NewObjectType.Deals]).Select(Record)],
            [.. (await searches[NewObjectType.Tickets]).Select(Record)],
            [.. (await searches[NewObjectType.Companies]).Select(Record)],
            new NewObjectsPaging(CursorOf(NewObjectType.Contacts, after), CursorOf(NewObjectType.Deals, after), CursorOf(NewObjectType.Tickets, after),
                CursorOf(NewObjectType.Companies, after), NewObjectsCursor.Encode(after)));
    }

    /// <summary>Where each type goes on: the combined cursor's position, or the type's own cursor's, which wins.</summary>
    private static Dictionary<string, KeysetPosition> Positions(GetNewObjects request)
    {
        var positions = new Dictionary<string, KeysetPosition>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(request.After))
        {
            foreach (var (type, position) in NewObjectsCursor.TryDecode(request.After) ?? throw InvalidCursor("is not a cursor this service issued"))
            {
                positions[type] = position;
            }
        }
        foreach (var type in NewObjectType.All)
        {
            if (type.CursorOf(request) is { Length: > 0 } cursor)
            {
                positions[type.Name] = NewObjectsCursor.TryDecode(cursor)?.GetValueOrDefault(type.Name)
                    ?? throw InvalidCursor($"{type.CursorParameter} is not a {type.Name} cursor this service issued");
            }
        }
        return positions;
    }

    private static NewObjectsRejectedException InvalidCursor(string message) => new(new(NewObjectsRejected.InvalidCursor, message));

    /// <summary>A type's own cursor: its position only, null while it has none.</summary>
    private static string? CursorOf(NewObjectType type, Dictionary<string, KeysetPosition> positions) =>
        positions.TryGetValue(type.Name, out var position) ? NewObjectsCursor.Encode(new Dictionary<string, KeysetPosition> { [type.Name] = position }) : null;

    private async Task<List<HubSpotObject>> SearchAsync(NewObjectType type, long since, KeysetPosition? after, int limit, CancellationToken cancellationToken)
    {
        var response = await hubSpot.SearchAsync(type.Name, new SearchRequest(
            FilterGroups(since, after),
            [new SearchSort("createdate", "ASCENDING")],
            [.. type.Properties],
            limit), cancellationToken);
        return response?.Results ?? [];
    }

    /// <summary>Created at or after <paramref name="since"/>; past a position: later, or as late with a greater id.</summary>
    private static List<FilterGroup> FilterGroups(long since, KeysetPosition? after)
    {
        if (after is null)
        {
            return [new FilterGroup([new SearchFilter("createdate", "GTE", Ms(since))])];
        }
        var from = Math.Max(since, after.CreatedAtMs);
        return
        [
            new FilterGroup([new SearchFilter("createdate", "GT", Ms(from))]),
            new FilterGroup([new SearchFilter("createdate", "EQ", Ms(after.CreatedAtMs)), new SearchFilter("hs_object_id", "GT", after.Id.ToString(CultureInfo.InvariantCulture))]),
        ];
    }

    private async Task<Dictionary<string, List<CrmRecord>>> DealsOfAsync(List<HubSpotObject> contacts, CancellationToken cancellationToken)
    {
        if (contacts.Count == 0)
        {
            return [];
        }
        var associations = await hubSpot.ReadAssociationsAsync(HubSpotObjectTypes.Contacts, HubSpotObjectTypes.Deals, [.. contacts.Select(c => c.Id)], cancellationToken);
        var dealIds = associations.Values.SelectMany(ids => ids).Distinct().ToList();
        if (dealIds.Count == 0)
        {
            return [];
        }
        var deals = (await hubSpot.BatchReadAsync(HubSpotObjectTypes.Deals, dealIds, NewObjectType.Deals.Properties, cancellationToken)).Results.ToDictionary(d => d.Id);
        return associations.ToDictionary(a => a.Key, a => a.Value.Where(deals.ContainsKey).Select(id => Record(deals[id])).ToList());
    }

    private static CrmRecord Record(HubSpotObject o) => new(o.Id, o.CreatedAt, o.Properties);

    private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
}
