using System.Text.RegularExpressions;

namespace HubSpotCrm.Worker.Commands;

/// <summary>Field rules shared by the command validators.</summary>
public static partial class CommandRules
{
    public const int MaxItemsPerCommand = 100;

    public static void RequireRequestId(Guid requestId, List<string> problems)
    {
        if (requestId == Guid.Empty)
        {
            problems.Add("requestId must be a non-empty GUID");
        }
    }

    public static void RequireText(string? value, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{field} is required");
        }
    }

    public static void RequireObjectId(string? value, string field, List<string> problems)
    {
        if (value is null || !ObjectIdPattern().IsMatch(value))
        {
            problems.Add($"{field} must be a HubSpot object id (digits), got '{Shorten(value)}'");
        }
    }

    public static void RequireItems<T>(IReadOnlyList<T>? items, string field, List<string> problems)
    {
        if (items is null || items.Count == 0)
        {
            problems.Add($"{field} must not be empty");
        }
        else if (items.Count > MaxItemsPerCommand)
        {
            problems.Add($"{field} must have at most {MaxItemsPerCommand} items");
        }
    }

    public static void RequirePropertyNames(IReadOnlyDictionary<string, string>? properties, string field, List<string> problems)
    {
        foreach (var (name, value) in properties ?? new Dictionary<string, string>())
        {
            if (!PropertyNamePattern().IsMatch(name))
            {
                problems.Add($"{field}.{Shorten(name)} is not a valid HubSpot property name");
            }
            else if (value is null)
            {
                problems.Add($"{field}.{name} must not be null");
            }
        }
    }

    private static string Shorten(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex ObjectIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,99}$")]
    private static partial Regex PropertyNamePattern();
}
