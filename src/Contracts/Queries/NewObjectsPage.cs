namespace HubSpotCrm.Contracts.Queries;

/// <summary>The answer to <see cref="GetNewObjects"/>: one page of new objects per type, oldest first.</summary>
public sealed record NewObjectsPage(
    IReadOnlyList<NewContact> Contacts,
    IReadOnlyList<CrmRecord> Deals,
    IReadOnlyList<CrmRecord> Tickets,
    IReadOnlyList<CrmRecord> Companies,
    NewObjectsPaging Paging);

/// <summary>A new contact, with the deals it is associated with.</summary>
public sealed record NewContact(string Id, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string?> Properties, IReadOnlyList<CrmRecord> Deals);

public sealed record CrmRecord(string Id, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string?> Properties);

/// <summary>
/// Cursors for the next page: each type's own, null while that type has had no objects; a type with nothing new keeps
/// its cursor. <paramref name="After"/> combines them all, null when all are null.
/// </summary>
public sealed record NewObjectsPaging(string? ContactsAfter, string? DealsAfter, string? TicketsAfter, string? CompaniesAfter, string? After);
