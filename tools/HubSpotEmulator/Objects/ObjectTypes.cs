using System.Collections.Frozen;

namespace HubSpotEmulator.Objects;

internal static class ObjectTypes
{
    public static readonly ObjectTypeInfo Contacts = new()
    {
        Index = 0,
        Name = "contacts",
        Singular = "contact",
        TypeId = "0-1",
        UpperName = "CONTACT",
        FirstId = 100_000_001,
        LastModifiedProperty = "lastmodifieddate",
        DefaultProperties = Sorted("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"),
        SystemProperties = Sorted("createdate", "hs_object_id", "lastmodifieddate"),
        QueryProperties = ["firstname", "lastname", "email", "phone", "hs_additional_emails", "fax", "mobilephone", "company", "hs_marketable_until_renewal"],
    };

    public static readonly ObjectTypeInfo Deals = new()
    {
        Index = 1,
        Name = "deals",
        Singular = "deal",
        TypeId = "0-3",
        UpperName = "DEAL",
        FirstId = 200_000_001,
        LastModifiedProperty = "hs_lastmodifieddate",
        DefaultProperties = Sorted("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"),
        SystemProperties = Sorted("createdate", "hs_lastmodifieddate", "hs_object_id"),
        QueryProperties = ["dealname", "pipeline", "dealstage", "description", "dealtype"],
    };

    public static readonly ObjectTypeInfo Tickets = new()
    {
        Index = 2,
        Name = "tickets",
        Singular = "ticket",
        TypeId = "0-5",
        UpperName = "TICKET",
        FirstId = 300_000_001,
        LastModifiedProperty = "hs_lastmodifieddate",
        DefaultProperties = Sorted(
            "content", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_priority", "subject"),
        SystemProperties = Sorted("createdate", "hs_lastmodifieddate", "hs_object_id"),
        QueryProperties = ["subject", "content", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_id"],
    };

    /// <summary>
    /// Default and searchable properties from HubSpot's specs and search guide: companies.json lists name and domain as
    /// returned by default; the search guide adds createdate, hs_lastmodifieddate and hs_object_id and searches website,
    /// phone, name and domain for a query.
    /// </summary>
    public static readonly ObjectTypeInfo Companies = new()
    {
        Index = 3,
        Name = "companies",
        Singular = "company",
        TypeId = "0-2",
        UpperName = "COMPANY",
        FirstId = 400_000_001,
        LastModifiedProperty = "hs_lastmodifieddate",
        DefaultProperties = Sorted("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"),
        SystemProperties = Sorted("createdate", "hs_lastmodifieddate", "hs_object_id"),
        QueryProperties = ["website", "phone", "name", "domain"],
    };

    public static readonly IReadOnlyList<ObjectTypeInfo> All = [Contacts, Deals, Tickets, Companies];

    private static readonly FrozenDictionary<string, ObjectTypeInfo> ByAlias = All
        .SelectMany(static t => new[] { (t.Name, t), (t.Singular, t), (t.TypeId, t) })
        .ToFrozenDictionary(static p => p.Item1, static p => p.t, StringComparer.OrdinalIgnoreCase);

    /// <summary>Accepts the plural, singular and object-type-id spellings (<c>contacts</c>, <c>contact</c>, <c>0-1</c>).</summary>
    public static bool TryResolve(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectTypeInfo? type)
    {
        type = null;
        return name is not null && ByAlias.TryGetValue(name, out type);
    }

    private static string[] Sorted(params string[] names)
    {
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}
