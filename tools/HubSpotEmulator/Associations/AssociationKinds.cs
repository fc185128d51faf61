using System.Diagnostics.CodeAnalysis;
using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>
/// HubSpot's HUBSPOT_DEFINED association types between the emulated types (ids from HubSpot's Node client,
/// src/enums/AssociationTypes.ts): one unlabelled type per direction, and for a company with a contact, deal or ticket
/// also the primary one.
/// </summary>
internal static class AssociationKinds
{
    public const string HubSpotDefined = "HUBSPOT_DEFINED";

    /// <summary>The label HubSpot gives the primary types; unlabelled types have none (null).</summary>
    public const string PrimaryLabel = "Primary";

    private static readonly AssociationDirection?[,] Directions = BuildTable();

    /// <summary>The types from <paramref name="from"/> to <paramref name="to"/>, or null when HubSpot has no default association for the pair.</summary>
    public static AssociationDirection? Between(ObjectTypeInfo from, ObjectTypeInfo to) => Directions[from.Index, to.Index];

    /// <summary>Which direction a HUBSPOT_DEFINED type id belongs to from <paramref name="from"/> (e.g. contact + 4 = to deal, contact + 1 = to company, primary).</summary>
    public static bool TryGetDirection(ObjectTypeInfo from, int typeId, [NotNullWhen(true)] out AssociationDirection? direction, out bool primary)
    {
        direction = ObjectTypes.All.Select(to => Between(from, to)).FirstOrDefault(d => d?.Has(typeId) == true);
        primary = direction?.PrimaryTypeId == typeId;
        return direction is not null;
    }

    private static AssociationDirection?[,] BuildTable()
    {
        var table = new AssociationDirection?[ObjectTypes.All.Count, ObjectTypes.All.Count];
        Set(ObjectTypes.Deals, ObjectTypes.Contacts, 3);
        Set(ObjectTypes.Contacts, ObjectTypes.Deals, 4);
        Set(ObjectTypes.Contacts, ObjectTypes.Tickets, 15);
        Set(ObjectTypes.Tickets, ObjectTypes.Contacts, 16);
        Set(ObjectTypes.Deals, ObjectTypes.Tickets, 27);
        Set(ObjectTypes.Tickets, ObjectTypes.Deals, 28);
        Set(ObjectTypes.Contacts, ObjectTypes.Companies, 279, primary: 1);
        Set(ObjectTypes.Companies, ObjectTypes.Contacts, 280, primary: 2);
        Set(ObjectTypes.Deals, ObjectTypes.Companies, 341, primary: 5);
        Set(ObjectTypes.Companies, ObjectTypes.Deals, 342, primary: 6);
        Set(ObjectTypes.Tickets, ObjectTypes.Companies, 339, primary: 26);
        Set(ObjectTypes.Companies, ObjectTypes.Tickets, 340, primary: 25);
        return table;

        void Set(ObjectTypeInfo from, ObjectTypeInfo to, int unlabelled, int? primary = null) =>
            table[from.Index, to.Index] = new AssociationDirection(from, to, unlabelled, primary);
    }
}
