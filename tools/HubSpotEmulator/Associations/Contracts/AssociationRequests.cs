using HubSpotEmulator.Http;

namespace HubSpotEmulator.Associations.Contracts;

/// <summary>v4 batch/associate/default, batch/create and batch/labels/archive input; <c>types</c> only for the last two.</summary>
internal sealed record AssociationPairInput(ObjectId? From, ObjectId? To, IReadOnlyList<AssociationSpec>? Types);

/// <summary>v4 batch/archive input: one object and the targets to unlink from it.</summary>
internal sealed record AssociationArchiveInput(ObjectId? From, IReadOnlyList<ObjectId>? To);

/// <summary>v3 batch/create and batch/archive input.</summary>
internal sealed record V3AssociationInput(ObjectId? From, ObjectId? To, string? Type);
