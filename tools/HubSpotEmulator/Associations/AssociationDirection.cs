using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>
/// The HUBSPOT_DEFINED types from one object type to another: every association has the unlabelled type; between a company
/// and a contact, deal or ticket it may also have the primary one, which marks the company as that object's primary company.
/// </summary>
internal sealed record AssociationDirection(ObjectTypeInfo From, ObjectTypeInfo To, int UnlabelledTypeId, int? PrimaryTypeId)
{
    public bool Has(int typeId) => typeId == UnlabelledTypeId || typeId == PrimaryTypeId;

    /// <summary>The type ids an association has in this direction, primary first (it is also the lower id), as HubSpot lists them.</summary>
    public int[] TypeIds(bool primary) => primary && PrimaryTypeId is { } id ? [id, UnlabelledTypeId] : [UnlabelledTypeId];

    /// <summary>
    /// The v3 name: <c>contact_to_deal</c> for pairs without a primary type; between companies and the others the primary
    /// type keeps the plain name (<c>contact_to_company</c>) and the unlabelled one adds <c>_unlabeled</c>, as HubSpot names them.
    /// </summary>
    public string V3Name(bool primary) =>
        PrimaryTypeId is null || primary ? $"{From.Singular}_to_{To.Singular}" : $"{From.Singular}_to_{To.Singular}_unlabeled";

    /// <summary>Whether a v3 name is this direction's primary type (between a company and the others, the plain name is).</summary>
    public bool IsPrimaryV3Name(string? name) => PrimaryTypeId is not null && name == V3Name(primary: true);

    /// <summary>The v3 names of an association, primary first.</summary>
    public string[] V3Names(bool primary) => primary && PrimaryTypeId is not null ? [V3Name(true), V3Name(false)] : [V3Name(false)];
}
