namespace HubSpotEmulator.Properties;

/// <summary>Body of <c>POST /crm/v3/properties/{objectType}</c>.</summary>
internal sealed record CreatePropertyRequest(
    string? Name,
    string? Label,
    string? Type,
    string? FieldType,
    string? GroupName,
    string? Description,
    IReadOnlyList<PropertyOptionInput>? Options,
    int? DisplayOrder,
    bool? HasUniqueValue,
    bool? Hidden,
    bool? FormField);

internal sealed record PropertyOptionInput(string? Label, string? Value, int? DisplayOrder, bool? Hidden);
