using System.Text.Json.Serialization;
using HubSpotEmulator.Http;
using HubSpotEmulator.Objects.Contracts;

namespace HubSpotEmulator.Associations.Contracts;

/// <summary>v4 <c>associationTypes[]</c> item; <c>label</c> is null for the unlabelled default association.</summary>
internal sealed record AssociationTypeResponse(
    string Category,
    int TypeId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Label);

/// <summary>MultiAssociatedObjectWithLabel: <c>toObjectId</c> is a string in HubSpot's current v4 spec (an integer in its earlier one).</summary>
internal sealed record AssociationTarget(string ToObjectId, IReadOnlyList<AssociationTypeResponse> AssociationTypes);

internal sealed record AssociationListResponse(IReadOnlyList<AssociationTarget> Results, Paging? Paging);

internal sealed record AssociationBatchReadResult(ObjectId From, IReadOnlyList<AssociationTarget> To);

/// <summary>Object ids are strings, as in HubSpot's current v4 spec.</summary>
internal sealed record LabelsBetweenObjectPair(
    string FromObjectTypeId,
    string FromObjectId,
    string ToObjectTypeId,
    string ToObjectId,
    IReadOnlyList<string> Labels);

internal sealed record DefaultAssociationResult(ObjectId From, ObjectId To, AssociationSpec AssociationSpec);

/// <summary>v3 association: <c>type</c> is e.g. <c>contact_to_deal</c>.</summary>
internal sealed record V3AssociationResult(ObjectId From, ObjectId To, string Type);

internal sealed record V3BatchReadResult(ObjectId From, IReadOnlyList<AssociatedId> To);
