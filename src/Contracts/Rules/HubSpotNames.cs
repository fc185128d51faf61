using System.Text.RegularExpressions;

namespace HubSpotCrm.Contracts.Rules;

/// <summary>HubSpot's object ids and property names as the schemas' patterns write them.</summary>
public static partial class HubSpotNames
{
    public const string ObjectIdPattern = "^[0-9]{1,18}$";

    public const string PropertyNamePattern = "^[a-z][a-z0-9_]{0,99}$";

    public static bool IsObjectId(string value) => ObjectId().IsMatch(value);

    public static bool IsPropertyName(string value) => PropertyName().IsMatch(value);

    [GeneratedRegex(ObjectIdPattern)]
    private static partial Regex ObjectId();

    [GeneratedRegex(PropertyNamePattern)]
    private static partial Regex PropertyName();
}
