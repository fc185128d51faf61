using System.Text.Json;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Checks a command's JSON field by field and records each problem with the field's path, so the reason an operator
/// reads in the _error queue says exactly what to fix. Field names match case-insensitively, as the deserializer does.
/// </summary>
public sealed partial class JsonChecks
{
    private const int MaxItems = 100;
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Object(JsonElement element, string path, IReadOnlyDictionary<string, Action<JsonElement, string>> fields, IReadOnlySet<string> required)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{Describe(path)} must be an object");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var field = fields.Keys.FirstOrDefault(f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                _problems.Add($"{Join(path, property.Name)} is not a field of this command (misspelled?)");
                continue;
            }
            seen.Add(field);
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                fields[field](property.Value, Join(path, field));
            }
            else if (required.Contains(field))
            {
                _problems.Add($"{Join(path, field)} is required");
            }
        }
        foreach (var missing in required.Where(r => !seen.Contains(r)))
        {
            _problems.Add($"{Join(path, missing)} is required");
        }
    }

    public void Text(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"{path} must be a string, got {Kind(value)}");
        }
        else if (string.IsNullOrWhiteSpace(value.GetString()))
        {
            _problems.Add($"{path} must not be empty");
        }
    }

    public void RequestId(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String || !Guid.TryParse(value.GetString(), out var id) || id == Guid.Empty)
        {
            _problems.Add($"{path} must be a non-empty GUID, got {Shorten(value)}");
        }
    }

    public void ObjectId(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String || !ObjectIdPattern().IsMatch(value.GetString()!))
        {
            _problems.Add($"{path} must be a HubSpot object id (a string of digits), got {Shorten(value)}");
        }
    }

    public void Email(JsonElement value, string path)
    {
        Text(value, path);
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } email &&
            (email.Length > 254 || email.Count(c => c == '@') != 1 || email.Any(char.IsWhiteSpace)))
        {
            _problems.Add($"{path} must be one email address, got {Shorten(value)}");
        }
    }

    /// <summary>A number, or a string holding one (MassTransit's own serializer writes decimals as strings).</summary>
    public void Number(JsonElement value, string path)
    {
        var valid = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out _),
            JsonValueKind.String => decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _),
            _ => false,
        };
        if (!valid)
        {
            _problems.Add($"{path} must be a number, got {Shorten(value)}");
        }
    }

    /// <summary>HubSpot properties: internal names (lowercase letters, digits, '_') to string values.</summary>
    public void Properties(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{path} must be an object of property names to strings, got {Kind(value)}");
            return;
        }
        foreach (var property in value.EnumerateObject())
        {
            if (!PropertyNamePattern().IsMatch(property.Name))
            {
                _problems.Add($"{path}.{Shorten(property.Name)} is not a valid HubSpot property name (lowercase letters, digits and '_')");
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                _problems.Add($"{path}.{property.Name} must be a string, got {Kind(property.Value)}");
            }
        }
    }

    public void Array(JsonElement value, string path, Action<JsonElement, string> item, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"{path} must be an array, got {Kind(value)}");
            return;
        }
        var length = value.GetArrayLength();
        if (length == 0 && !allowEmpty)
        {
            _problems.Add($"{path} must not be empty");
        }
        if (length > MaxItems)
        {
            _problems.Add($"{path} must have at most {MaxItems} items");
            return;
        }
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            item(element, $"{path}[{index++}]");
        }
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static string Describe(string path) => path.Length == 0 ? "the message" : path;

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string Shorten(JsonElement value) => value.ValueKind == JsonValueKind.String ? Shorten(value.GetString()!) : Kind(value);

    private static string Shorten(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}…'";

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex ObjectIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,99}$")]
    private static partial Regex PropertyNamePattern();
}
