using HubSpotCrm.Contracts.Queries;

namespace HubSpotCrm.Api.NewObjects;

/// <summary>A page of new objects per type, oldest first, and the cursors for the next page.</summary>
/// <param name="Paging">Pass <c>after</c> back for the next page of every type, or one of the per-type cursors.</param>
public sealed record NewObjectsResponse(
    IReadOnlyList<NewContact> Contacts,
    IReadOnlyList<CrmRecord> Deals,
    IReadOnlyList<CrmRecord> Tickets,
    IReadOnlyList<CrmRecord> Companies,
    NewObjectsPagingResponse Paging)
{
    public static NewObjectsResponse From(NewObjectsPage page) => new(page.Contacts, page.Deals, page.Tickets, page.Companies,
        new NewObjectsPagingResponse(page.Paging.ContactsAfter, page.Paging.DealsAfter, page.Paging.TicketsAfter, page.Paging.CompaniesAfter, page.Paging.After));
}

public sealed record NewObjectsPagingResponse(string? ContactsAfter, string? DealsAfter, string? TicketsAfter, string? CompaniesAfter, string? After);
