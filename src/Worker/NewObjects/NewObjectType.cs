using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.HubSpot;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>An object type the read path searches for new objects, paging on its own keyset position.</summary>
/// <param name="Name">HubSpot's name of the type, which cursors use too.</param>
/// <param name="CursorParameter">The request's field for this type's own cursor, as callers spell it.</param>
/// <param name="CursorOf">Reads that field.</param>
public sealed record NewObjectType(string Name, string CursorParameter, IReadOnlyList<string> Properties, Func<GetNewObjects, string?> CursorOf)
{
    public static readonly NewObjectType Contacts = new(HubSpotObjectTypes.Contacts, "contactsAfter",
        ["email", "firstname", "lastname", "phone", "createdate"], r => r.ContactsAfter);

    public static readonly NewObjectType Deals = new(HubSpotObjectTypes.Deals, "dealsAfter",
        ["dealname", "amount", "dealstage", "pipeline", "createdate"], r => r.DealsAfter);

    public static readonly NewObjectType Tickets = new(HubSpotObjectTypes.Tickets, "ticketsAfter",
        ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority", "hs_ticket_category", "createdate"], r => r.TicketsAfter);

    public static readonly NewObjectType Companies = new(HubSpotObjectTypes.Companies, "companiesAfter",
        ["name", "domain", "createdate"], r => r.CompaniesAfter);

    /// <summary>Every type read, in the order cursors list them.</summary>
    public static readonly IReadOnlyList<NewObjectType> All = [Contacts, Deals, Tickets, Companies];
}
