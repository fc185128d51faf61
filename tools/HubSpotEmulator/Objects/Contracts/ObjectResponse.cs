using System.Text.Json.Serialization;
using HubSpotEmulator.Json;

namespace HubSpotEmulator.Objects.Contracts;

/// <summary>HubSpot's SimplePublicObject (and its WithAssociations / Upsert variants: optional parts are left out when null).</summary>
internal sealed record ObjectResponse(
    string Id,
    PropertyBag Properties,
    string CreatedAt,
    string UpdatedAt,
    bool Archived,
    string? ArchivedAt = null,
    IReadOnlyDictionary<string, AssociatedIds>? Associations = null,
    [property: JsonPropertyName("new")] bool? IsNew = null,
    string? ObjectWriteTraceId = null);

internal sealed record AssociatedIds(IReadOnlyList<AssociatedId> Results);

/// <summary><c>type</c> is the v3 name, e.g. <c>contact_to_deal</c>.</summary>
internal sealed record AssociatedId(string Id, string Type);
