using System.Globalization;
using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>
/// Reads a page of new contacts, deals and tickets with a constant number of HubSpot calls: one search per type, then
/// one batch association read of the new contacts' deals and one batch read of those deals — never a call per object.
/// </summary>
public sealed class NewObjectsReader(HubSpotClient hubSpot)
{
    public const int MaxLimit = HubSpotClient.MaxBatchSize;

    private static readonly string[] ContactProperties = ["email", "firstname", "lastname", "phone", "createdate"];
    private static readonly string[] DealProperties = ["dealname", "amount", "dealstage", "pipeline", "createdate"];
    private static readonly string[] TicketProperties = ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority", "hs_ticket_category", "createdate"];

    public async Task<NewObjectsPage> ReadAsync(GetNewObjects request, CancellationToken cancellationToken)
    {
        var since = request.Since.ToUnixTimeMilliseconds();
        var contacts = PageAsync(HubSpotObjectTypes.Contacts, since, request.ContactsAfter, request.Limit, ContactProperties, cancellationToken);
        var deals = PageAsync(HubSpotObjectTypes.Deals, since, request.DealsAfter, request.Limit, DealProperties, cancellationToken);
        var tickets = PageAsync(HubSpotObjectTypes.Tickets, since, request.TicketsAfter, request.Limit, TicketProperties, cancellationToken);

        var (contactPage, contactsAfter) = await contacts;
        var contactDeals = await DealsOfAsync(contactPage, cancellationToken);
        var (dealPage, dealsAfter) = await deals;
        var (ticketPage, ticketsAfter) = await tickets;

        return new NewObjectsPage(
            [.. contactPage.Select(c => new NewContact(c.Id, c.CreatedAt, c.Properties, contactDeals.GetValueOrDefault(c.Id) ?? []))],
            [.. dealPage.Select(Record)],
            [.. ticketPage.Select(Record)],
            new NewObjectsPaging(contactsAfter ?? request.ContactsAfter, dealsAfter ?? request.DealsAfter, ticketsAfter ?? request.TicketsAfter));
    }

    /// <returns>The page, and the cursor after its last object (null when the page is empty: ask again later with the same cursor).</returns>
    private async Task<(List<HubSpotObject> Page, string? After)> PageAsync(string objectType, long since, string? after, int limit,
        string[] properties, CancellationToken cancellationToken)
    {
        if (!KeysetCursor.TryDecode(after, out var cursor))
        {
            throw new ArgumentException($"'{after}' is not a cursor this service issued.", nameof(after));
        }
        var response = await hubSpot.SearchAsync(objectType, new SearchRequest(
            FilterGroups(since, cursor),
            [new SearchSort("createdate", "ASCENDING")],
            [.. properties],
            limit), cancellationToken);
        var page = response?.Results ?? [];
        var last = page.LastOrDefault();
        return (page, last is null ? null : new KeysetCursor(last.CreatedAt.ToUnixTimeMilliseconds(), long.Parse(last.Id, CultureInfo.InvariantCulture)).Encode());
    }

    /// <summary>Created at or after <paramref name="since"/>; after the cursor: later, or as late with a greater id.</summary>
    private static List<FilterGroup> FilterGroups(long since, KeysetCursor? cursor)
    {
        if (cursor is null)
        {
            return [new FilterGroup([new SearchFilter("createdate", "GTE", Ms(since))])];
        }
        var from = Math.Max(since, cursor.CreatedAtMs);
        return
        [
            new FilterGroup([new SearchFilter("createdate", "GT", Ms(from))]),
            new FilterGroup([new SearchFilter("createdate", "EQ", Ms(cursor.CreatedAtMs)), new SearchFilter("hs_object_id", "GT", cursor.Id.ToString(CultureInfo.InvariantCulture))]),
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
        var deals = (await hubSpot.BatchReadAsync(HubSpotObjectTypes.Deals, dealIds, DealProperties, cancellationToken)).Results.ToDictionary(d => d.Id);
        return associations.ToDictionary(a => a.Key, a => a.Value.Where(deals.ContainsKey).Select(id => Record(deals[id])).ToList());
    }

    private static CrmRecord Record(HubSpotObject o) => new(o.Id, o.CreatedAt, o.Properties);

    private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
}
