namespace HubSpotCrm.Contracts.Queries;

/// <summary>One page of new objects per type, oldest first.</summary>
public sealed record NewObjectsPage(
    IReadOnlyList<NewContact> Contacts,
    IReadOnlyList<CrmRecord> Deals,
    IReadOnlyList<CrmRecord> Tickets,
    NewObjectsPaging Paging);

/// <summary>A new contact, with the deals it is associated with.</summary>
public sealed record NewContact(string Id, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string?> Properties, IReadOnlyList<CrmRecord> Deals);

public sealed record CrmRecord(string Id, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string?> Properties);

/// <summary>Cursors for the next page of each type; null when that type has no more objects yet.</summary>
public sealed record NewObjectsPaging(string? ContactsAfter, string? DealsAfter, string? TicketsAfter);
