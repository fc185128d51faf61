using HubSpotEmulator.Json;

namespace HubSpotEmulator.Control;

internal sealed record ResultsEnvelope<T>(IReadOnlyList<T> Results);

/// <summary>An object with all its properties and associations, archived ones included.</summary>
internal sealed record ObjectDump(
    string Id,
    PropertyBag Properties,
    string CreatedAt,
    string UpdatedAt,
    bool Archived,
    string? ArchivedAt,
    IReadOnlyDictionary<string, IReadOnlyList<AssociationDumpTarget>> Associations);

/// <summary><c>typeId</c> is the unlabelled type every association has; <c>typeIds</c> are all its types, the primary one first.</summary>
internal sealed record AssociationDumpTarget(string Id, int TypeId, IReadOnlyList<int> TypeIds);

/// <summary>One row per direction and type of an association: a primary one has a row for its primary type and one for its unlabelled type.</summary>
internal sealed record AssociationDump(string FromType, string FromId, string ToType, string ToId, int TypeId, string Category);

internal sealed record HealthResponse(string Status);
