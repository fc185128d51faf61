using System.Globalization;
using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Objects.Contracts;

namespace HubSpotEmulator.Associations;

/// <summary>Checks and applies association changes for the v3 and v4 endpoints.</summary>
internal sealed class AssociationService(ObjectStore objects, AssociationStore store)
{
    public static InputError? CheckPair(ObjectTypeInfo from, ObjectTypeInfo to) =>
        AssociationKinds.Between(from, to) is null
            ? InputError.BadRequest($"{from.Name} cannot be associated with {to.Name} in this emulator.")
            : null;

    /// <summary>Only the pair's HUBSPOT_DEFINED type ids are valid: the emulator has no custom labels.</summary>
    /// <param name="primary">Whether the primary type is among <paramref name="types"/>.</param>
    public static InputError? CheckTypes(ObjectTypeInfo from, ObjectTypeInfo to, IReadOnlyList<AssociationSpec>? types, out bool primary)
    {
        primary = false;
        if (types is not { Count: > 0 })
        {
            return InputError.BadRequest("At least one association type is required.");
        }

        var direction = AssociationKinds.Between(from, to)!;
        if (types.FirstOrDefault(t => t.AssociationCategory != AssociationKinds.HubSpotDefined || !direction.Has(t.AssociationTypeId)) is { } wrong)
        {
            var valid = direction.PrimaryTypeId is { } primaryId
                ? $"{direction.UnlabelledTypeId} (unlabelled) or {primaryId} (primary)"
                : $"{direction.UnlabelledTypeId}";
            return InputError.BadRequest(
                $"{wrong.AssociationCategory} association type {wrong.AssociationTypeId} is not valid from {from.Singular} to {to.Singular}; use {AssociationKinds.HubSpotDefined} {valid}.");
        }

        primary = types.Any(t => t.AssociationTypeId == direction.PrimaryTypeId);
        return null;
    }

    /// <summary>Resolves a live object, or explains which one is missing.</summary>
    public InputError? Find(ObjectTypeInfo type, string? id, out ObjectRef reference)
    {
        reference = default;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && objects.FindLive(new ObjectRef(type, parsed)) is not null)
        {
            reference = new ObjectRef(type, parsed);
            return null;
        }

        return new InputError(
            StatusCodes.Status404NotFound,
            "OBJECT_NOT_FOUND",
            $"No {type.Singular} with ID {id} exists.",
            Context: new Dictionary<string, string[]> { ["ids"] = [id ?? ""] });
    }

    /// <param name="primary">Also label the association primary (the caller checked that the pair has a primary type).</param>
    public InputError? Link(ObjectTypeInfo fromType, string? fromId, ObjectTypeInfo toType, string? toId, bool primary = false)
    {
        if (Find(fromType, fromId, out var from) is { } fromError)
        {
            return fromError;
        }

        if (Find(toType, toId, out var to) is { } toError)
        {
            return toError;
        }

        store.Add(from, to, primary);
        return null;
    }

    public void Unlink(ObjectTypeInfo fromType, string? fromId, ObjectTypeInfo toType, string? toId)
    {
        if (TryParse(fromType, fromId, toType, toId, out var from, out var to))
        {
            store.Remove(from, to);
        }
    }

    /// <summary>Removing the unlabelled type removes the whole association; removing the primary type leaves it unlabelled.</summary>
    public void RemoveLabels(ObjectTypeInfo fromType, string? fromId, ObjectTypeInfo toType, string? toId, bool unlabelled, bool primary)
    {
        if (!TryParse(fromType, fromId, toType, toId, out var from, out var to))
        {
            return;
        }

        if (unlabelled)
        {
            store.Remove(from, to);
        }
        else if (primary)
        {
            store.RemovePrimary(from, to);
        }
    }

    /// <summary>
    /// LabelsBetweenObjectPair of a linked pair as it now stands: <c>["Primary"]</c> for a primary association, else no
    /// labels; ids as HubSpot writes them, the record id's digits whatever form the caller sent them in.
    /// </summary>
    public LabelsBetweenObjectPair Labels(ObjectTypeInfo fromType, string fromId, ObjectTypeInfo toType, string toId)
    {
        var from = new ObjectRef(fromType, long.Parse(fromId, NumberStyles.None, CultureInfo.InvariantCulture));
        var to = new ObjectRef(toType, long.Parse(toId, NumberStyles.None, CultureInfo.InvariantCulture));
        return new LabelsBetweenObjectPair(
            fromType.TypeId,
            from.Id.ToString(CultureInfo.InvariantCulture),
            toType.TypeId,
            to.Id.ToString(CultureInfo.InvariantCulture),
            store.IsPrimary(from, to) ? [AssociationKinds.PrimaryLabel] : []);
    }

    /// <summary>MultiAssociatedObjectWithLabel: every type of the association, with the primary one's label.</summary>
    public static AssociationTarget Target(ObjectTypeInfo from, ObjectTypeInfo to, AssociatedObject target)
    {
        var direction = AssociationKinds.Between(from, to)!;
        return new AssociationTarget(
            target.Id.ToString(CultureInfo.InvariantCulture),
            [.. direction.TypeIds(target.Primary).Select(id => new AssociationTypeResponse(
                AssociationKinds.HubSpotDefined,
                id,
                id == direction.PrimaryTypeId ? AssociationKinds.PrimaryLabel : null))]);
    }

    /// <summary>The v3 AssociatedId items of one association: a primary company is listed under both its names, primary first.</summary>
    public static IEnumerable<AssociatedId> V3Ids(AssociationDirection direction, AssociatedObject target)
    {
        var id = target.Id.ToString(CultureInfo.InvariantCulture);
        return direction.V3Names(target.Primary).Select(name => new AssociatedId(id, name));
    }

    private static bool TryParse(ObjectTypeInfo fromType, string? fromId, ObjectTypeInfo toType, string? toId, out ObjectRef from, out ObjectRef to)
    {
        from = to = default;
        if (!long.TryParse(fromId, NumberStyles.None, CultureInfo.InvariantCulture, out var fromNumber)
            || !long.TryParse(toId, NumberStyles.None, CultureInfo.InvariantCulture, out var toNumber))
        {
            return false;
        }

        (from, to) = (new ObjectRef(fromType, fromNumber), new ObjectRef(toType, toNumber));
        return true;
    }
}
