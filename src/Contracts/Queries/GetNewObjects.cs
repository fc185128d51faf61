namespace HubSpotCrm.Contracts.Queries;

/// <summary>
/// Request (answered with <see cref="NewObjectsPage"/>): contacts, deals and tickets created in HubSpot since a time, one
/// page per type. Each type pages on its own opaque cursor; pass back the cursors of the previous answer.
/// </summary>
/// <param name="Limit">Objects per type and page, 1 to 100.</param>
public sealed record GetNewObjects(
    DateTimeOffset Since,
    int Limit,
    string? ContactsAfter = null,
    string? DealsAfter = null,
    string? TicketsAfter = null);
