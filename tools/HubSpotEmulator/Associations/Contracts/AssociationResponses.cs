using System.Text.Json.Serialization;
using HubSpotEmulator.Http;
using HubSpotEmulator.Objects.Contracts;

namespace HubSpotEmulator.Associations.Contracts;

/// <summary>v4 <c>associationTypes[]</c> item; <c>label</c> is null for the unlabelled default association.</summary>
internal sealed record AssociationTypeResponse(
    string Category,
    int TypeId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Label);

internal sealed record AssociationTarget(long ToObjectId, IReadOnlyList<AssociationTypeResponse> AssociationTypes);

internal sealed record AssociationListResponse(IReadOnlyList<AssociationTarget> Results, Paging? Paging);

internal sealed record AssociationBatchReadResult(ObjectId From, IReadOnlyList<AssociationTarget> To);

internal sealed record LabelsBetweenObjectPair(
    string FromObjectTypeId,
    long FromObjectId,
    string ToObjectTypeId,
    long ToObjectId,
    IReadOnlyList<string> Labels);

internal sealed record DefaultAssociationResult(ObjectId From, ObjectId To, AssociationSpec AssociationSpec);

/// <summary>v3 association: <c>type</c> is e.g. <c>contact_to_deal</c>.</summary>
internal sealed record V3AssociationResult(ObjectId From, ObjectId To, string Type);

internal sealed record V3BatchReadResult(ObjectId From, IReadOnlyList<AssociatedId> To);
