using System.Diagnostics.CodeAnalysis;
using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>HubSpot's default (unlabelled, HUBSPOT_DEFINED) association type ids between the emulated types.</summary>
internal static class AssociationKinds
{
    public const string HubSpotDefined = "HUBSPOT_DEFINED";

    private static readonly int?[,] TypeIds = BuildTable();

    /// <summary>The type id from <paramref name="from"/> to <paramref name="to"/>, or null when HubSpot has no default association for the pair.</summary>
    public static int? DefaultTypeId(ObjectTypeInfo from, ObjectTypeInfo to) => TypeIds[from.Index, to.Index];

    /// <summary>Which type a HUBSPOT_DEFINED type id points to from <paramref name="from"/> (e.g. contact + 4 = deal).</summary>
    public static bool TryGetTarget(ObjectTypeInfo from, int typeId, [NotNullWhen(true)] out ObjectTypeInfo? to)
    {
        to = ObjectTypes.All.FirstOrDefault(t => DefaultTypeId(from, t) == typeId);
        return to is not null;
    }

    /// <summary>The v3 association type name, e.g. <c>contact_to_deal</c>.</summary>
    public static string V3Name(ObjectTypeInfo from, ObjectTypeInfo to) => $"{from.Singular}_to_{to.Singular}";

    private static int?[,] BuildTable()
    {
        var table = new int?[3, 3];
        Set(ObjectTypes.Deals, ObjectTypes.Contacts, 3);
        Set(ObjectTypes.Contacts, ObjectTypes.Deals, 4);
        Set(ObjectTypes.Contacts, ObjectTypes.Tickets, 15);
        Set(ObjectTypes.Tickets, ObjectTypes.Contacts, 16);
        Set(ObjectTypes.Deals, ObjectTypes.Tickets, 27);
        Set(ObjectTypes.Tickets, ObjectTypes.Deals, 28);
        return table;

        void Set(ObjectTypeInfo from, ObjectTypeInfo to, int id) => table[from.Index, to.Index] = id;
    }
}
