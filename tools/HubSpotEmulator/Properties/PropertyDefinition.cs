using System.Text.Json.Serialization;

namespace HubSpotEmulator.Properties;

/// <summary>A property definition, serialized in the Properties API's shape (member order = JSON order).</summary>
internal sealed record PropertyDefinition
{
    public required string UpdatedAt { get; init; }

    public required string CreatedAt { get; init; }

    public required string Name { get; init; }

    public required string Label { get; init; }

    /// <summary><c>string</c>, <c>number</c>, <c>date</c>, <c>datetime</c>, <c>enumeration</c> or <c>bool</c>.</summary>
    public required string Type { get; init; }

    public required string FieldType { get; init; }

    public string Description { get; init; } = "";

    public required string GroupName { get; init; }

    public IReadOnlyList<PropertyOption> Options { get; init; } = [];

    public int DisplayOrder { get; init; } = -1;

    public bool Calculated { get; init; }

    public bool ExternalOptions { get; init; }

    public bool HasUniqueValue { get; init; }

    public bool Hidden { get; init; }

    /// <summary>Only HubSpot's own properties carry this flag.</summary>
    public bool? HubspotDefined { get; init; }

    public required ModificationMetadata ModificationMetadata { get; init; }

    public bool FormField { get; init; }

    [JsonIgnore]
    public bool ReadOnlyValue => ModificationMetadata.ReadOnlyValue;
}
