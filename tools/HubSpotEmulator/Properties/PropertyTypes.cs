namespace HubSpotEmulator.Properties;

/// <summary>HubSpot's property data types and the field types each may use.</summary>
internal static class PropertyTypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string Enumeration = "enumeration";
    public const string Bool = "bool";

    public static readonly IReadOnlyDictionary<string, string[]> FieldTypesByType = new Dictionary<string, string[]>
    {
        [String] = ["text", "textarea", "phonenumber", "html", "file"],
        [Number] = ["number", "calculation_equation"],
        [Date] = ["date"],
        [DateTime] = ["date"],
        [Enumeration] = ["select", "radio", "checkbox", "booleancheckbox"],
        [Bool] = ["booleancheckbox", "select", "radio"],
    };
}
