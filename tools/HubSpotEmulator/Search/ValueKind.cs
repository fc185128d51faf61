using HubSpotEmulator.Properties;

namespace HubSpotEmulator.Search;

/// <summary>How search compares a property's values: numbers and dates numerically, enumerations exactly, text ignoring case.</summary>
internal enum ValueKind
{
    Text,
    Number,
    Instant,
    Enumeration,
}

internal static class ValueKinds
{
    public static ValueKind Of(PropertyDefinition definition) => definition.Type switch
    {
        PropertyTypes.Number => ValueKind.Number,
        PropertyTypes.Date or PropertyTypes.DateTime => ValueKind.Instant,
        PropertyTypes.Enumeration => ValueKind.Enumeration,
        _ => ValueKind.Text,
    };

    /// <summary>Orders two stored or filter values; null when either cannot be read as the kind.</summary>
    public static int? Compare(ValueKind kind, string left, string right) => kind switch
    {
        ValueKind.Number => PropertyValues.TryParseNumber(left, out var a) && PropertyValues.TryParseNumber(right, out var b) ? a.CompareTo(b) : null,
        ValueKind.Instant => PropertyValues.TryParseInstant(left, out var a) && PropertyValues.TryParseInstant(right, out var b) ? a.CompareTo(b) : null,
        ValueKind.Enumeration => string.CompareOrdinal(left, right),
        _ => string.Compare(left, right, StringComparison.OrdinalIgnoreCase),
    };
}
