namespace HubSpotCrm.Contracts.Queries;

/// <summary>
/// Request, answered with <see cref="NewObjectsPage"/> or <see cref="NewObjectsRejected"/>: contacts, deals, tickets
/// and companies created in HubSpot since a time, one page per type. Cursors are opaque strings from an earlier page's
/// <see cref="NewObjectsPaging"/>; pass them back unchanged. An empty cursor is no cursor.
/// </summary>
/// <param name="Limit">Objects per type and page, 1 to <see cref="MaxLimit"/>.</param>
/// <param name="ContactsAfter">Where contacts go on; wins over <paramref name="After"/> for contacts.</param>
/// <param name="DealsAfter">Where deals go on; wins over <paramref name="After"/> for deals.</param>
/// <param name="TicketsAfter">Where tickets go on; wins over <paramref name="After"/> for tickets.</param>
/// <param name="CompaniesAfter">Where companies go on; wins over <paramref name="After"/> for companies.</param>
/// <param name="After">The combined cursor: where every type goes on.</param>
public sealed record GetNewObjects(
    DateTimeOffset Since,
    int Limit,
    string? ContactsAfter = null,
    string? DealsAfter = null,
    string? TicketsAfter = null,
    string? CompaniesAfter = null,
    string? After = null)
{
    public const int MaxLimit = 100;
}
