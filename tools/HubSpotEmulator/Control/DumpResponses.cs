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

internal sealed record AssociationDumpTarget(string Id, int TypeId);

internal sealed record AssociationDump(string FromType, string FromId, string ToType, string ToId, int TypeId, string Category);

internal sealed record HealthResponse(string Status);
