using System.Globalization;
using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>Checks and applies association changes for the v3 and v4 endpoints.</summary>
internal sealed class AssociationService(ObjectStore objects, AssociationStore store)
{
    public static InputError? CheckPair(ObjectTypeInfo from, ObjectTypeInfo to) =>
        AssociationKinds.DefaultTypeId(from, to) is null
            ? InputError.BadRequest($"{from.Name} cannot be associated with {to.Name} in this emulator.")
            : null;

    /// <summary>Only the pair's HUBSPOT_DEFINED type id is valid: the emulator has no custom labels.</summary>
    public static InputError? CheckTypes(ObjectTypeInfo from, ObjectTypeInfo to, IReadOnlyList<AssociationSpec>? types)
    {
        if (types is not { Count: > 0 })
        {
            return InputError.BadRequest("At least one association type is required.");
        }

        var expected = AssociationKinds.DefaultTypeId(from, to);
        var wrong = types.FirstOrDefault(t => t.AssociationCategory != AssociationKinds.HubSpotDefined || t.AssociationTypeId != expected);
        return wrong is null
            ? null
            : InputError.BadRequest(
                $"{wrong.AssociationCategory} association type {wrong.AssociationTypeId} is not valid from {from.Singular} to {to.Singular}; use {AssociationKinds.HubSpotDefined} {expected}.");
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

    public InputError? Link(ObjectTypeInfo fromType, string? fromId, ObjectTypeInfo toType, string? toId)
    {
        if (Find(fromType, fromId, out var from) is { } fromError)
        {
            return fromError;
        }

        if (Find(toType, toId, out var to) is { } toError)
        {
            return toError;
        }

        store.Add(from, to);
        return null;
    }

    public void Unlink(ObjectTypeInfo fromType, string? fromId, ObjectTypeInfo toType, string? toId)
    {
        if (long.TryParse(fromId, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && long.TryParse(toId, NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            store.Remove(new ObjectRef(fromType, from), new ObjectRef(toType, to));
        }
    }

    /// <summary>An id as HubSpot writes it: the record id's digits, whatever form the caller sent it in.</summary>
    public static string Canonical(string id) => long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    public static AssociationTarget Target(ObjectTypeInfo from, ObjectTypeInfo to, long toId) =>
        new(toId.ToString(CultureInfo.InvariantCulture), [new AssociationTypeResponse(AssociationKinds.HubSpotDefined, AssociationKinds.DefaultTypeId(from, to)!.Value, null)]);
}
