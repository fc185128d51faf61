using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Checks a command's JSON field by field and records each problem with the field's path, so the reason an operator
/// reads in the _error queue says exactly what to fix. Field names match case-insensitively, as the deserializer does.
/// Whatever the message holds, the problems are printable and bounded: names and values from the message are quoted
/// through <see cref="FaultReason"/>, and only the first <see cref="MaxListedProblems"/> are kept (all are counted).
/// </summary>
public sealed partial class JsonChecks
{
    public const int MaxListedProblems = 10;

    private const int MaxItems = 100;

    /// <summary>No field or HubSpot property name is longer: 100 characters, each escaped at most (\u0061).</summary>
    private const int MaxNameBytes = 6 * 100;
    private readonly List<string> _problems = [];

    /// <summary>The first problems found, at most <see cref="MaxListedProblems"/>.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>How many problems were found, listed or not.</summary>
    public int Count { get; private set; }

    public void Object(JsonElement element, string path, IReadOnlyDictionary<string, Action<JsonElement, string>> fields, IReadOnlySet<string> required)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add($"{Describe(path)} must be an object");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var name = NameOf(property);
            var field = name is null ? null : fields.Keys.FirstOrDefault(f => f.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                Add($"{Join(path, Quoted(name ?? Spelling(property)))} is not a field of this command (misspelled?)");
                continue;
            }
            seen.Add(field);
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                fields[field](property.Value, Join(path, field));
            }
            else if (required.Contains(field))
            {
                Add($"{Join(path, field)} is required");
            }
        }
        foreach (var missing in required.Where(r => !seen.Contains(r)))
        {
            Add($"{Join(path, missing)} is required");
        }
    }

    /// <summary>A one-line text: a name, a stage, a subject.</summary>
    public void Text(JsonElement value, string path) => TextOf(value, path, multiline: false);

    /// <summary>A text that may hold tabs and line breaks: a ticket's content.</summary>
    public void LongText(JsonElement value, string path) => TextOf(value, path, multiline: true);

    /// <summary>
    /// A request id in the one form System.Text.Json (MassTransit's deserializer) reads: 36 characters, 8-4-4-4-12 hex
    /// digits with hyphens, either case. <see cref="JsonElement.TryGetGuid"/> is that reader's own rule.
    /// </summary>
    public void RequestId(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String || !ReadsAsGuid(value, out var id) || id == Guid.Empty)
        {
            Add($"{path} must be a non-empty GUID in its 36-character form, 8-4-4-4-12 hex digits with hyphens " +
                $"(5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10), got {Shorten(value)}");
        }
    }

    public void ObjectId(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String || StringOf(value) is not { } id || !ObjectIdPattern().IsMatch(id))
        {
            Add($"{path} must be a HubSpot object id (a string of digits), got {Shorten(value)}");
        }
    }

    public void Email(JsonElement value, string path)
    {
        if (TextOf(value, path, multiline: false) is { } email && (email.Length > 254 || email.Count(c => c == '@') != 1 || email.Any(char.IsWhiteSpace)))
        {
            Add($"{path} must be one email address, got {Shorten(value)}");
        }
    }

    /// <summary>A number, or a string holding one (MassTransit's own serializer writes decimals as strings).</summary>
    public void Number(JsonElement value, string path)
    {
        var valid = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out _),
            JsonValueKind.String => decimal.TryParse(StringOf(value), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _),
            _ => false,
        };
        if (!valid)
        {
            Add($"{path} must be a number, got {Shorten(value)}");
        }
    }

    /// <summary>HubSpot properties: internal names (lowercase letters, digits, '_') to string values, which may span lines.</summary>
    public void Properties(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Add($"{path} must be an object of property names to strings, got {Kind(value)}");
            return;
        }
        foreach (var property in value.EnumerateObject())
        {
            var name = NameOf(property);
            if (name is null || !PropertyNamePattern().IsMatch(name))
            {
                Add($"{path}.{Quoted(name ?? Spelling(property))} is not a valid HubSpot property name (lowercase letters, digits and '_')");
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                Add($"{path}.{name} must be a string, got {Kind(property.Value)}");
            }
            else
            {
                CheckRules(property.Value, $"{path}.{name}", multiline: true);
            }
        }
    }

    public void Array(JsonElement value, string path, Action<JsonElement, string> item, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add($"{path} must be an array, got {Kind(value)}");
            return;
        }
        var length = value.GetArrayLength();
        if (length == 0 && !allowEmpty)
        {
            Add($"{path} must not be empty");
        }
        if (length > MaxItems)
        {
            Add($"{path} must have at most {MaxItems} items");
            return;
        }
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            item(element, $"{path}[{index++}]");
        }
    }

    private void Add(string problem)
    {
        if (Count++ < MaxListedProblems)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>The text, when it is a non-empty string that keeps the text rules; otherwise records why not.</summary>
    private string? TextOf(JsonElement value, string path, bool multiline)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Add($"{path} must be a string, got {Kind(value)}");
            return null;
        }
        var text = CheckRules(value, path, multiline);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Add($"{path} must not be empty");
            return null;
        }
        return text;
    }

    private string? CheckRules(JsonElement value, string path, bool multiline)
    {
        var text = StringOf(value);
        if ((text is null ? "must be valid Unicode" : TextRules.FindProblem(text, multiline)) is { } problem)
        {
            Add($"{path} {problem}, got {Shorten(value)}");
            return null;
        }
        return text;
    }

    /// <summary>
    /// A JSON string as .NET text, or null when it is none: an escaped lone surrogate ("\ud800") is valid JSON, but
    /// reading it throws.
    /// </summary>
    private static string? StringOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The property's name, or null when it can be no field's: longer than any name (told from its bytes, so a name of
    /// a megabyte is never turned into text), or holding no text at all.
    /// </summary>
    private static string? NameOf(JsonProperty property)
    {
        if (JsonMarshal.GetRawUtf8PropertyName(property).Length > MaxNameBytes)
        {
            return null;
        }
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>How the message spells a name that is no field's, escapes and all: enough of it to quote.</summary>
    private static string Spelling(JsonProperty property) => Prefix(JsonMarshal.GetRawUtf8PropertyName(property));

    /// <summary>How the message spells a string, escapes and all (a lone surrogate stays visible): enough of it to quote.</summary>
    private static string Spelling(JsonElement value) => Prefix(JsonMarshal.GetRawUtf8Value(value)[1..^1]);

    private static string Prefix(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 4 * (FaultReason.MaxQuotedLength + 1))]);

    private static bool ReadsAsGuid(JsonElement value, out Guid id)
    {
        try
        {
            return value.TryGetGuid(out id);
        }
        catch (InvalidOperationException)
        {
            id = Guid.Empty;
            return false;
        }
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static string Describe(string path) => path.Length == 0 ? "the message" : path;

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string Shorten(JsonElement value) => value.ValueKind == JsonValueKind.String ? FaultReason.Quote(Spelling(value)) : Kind(value);

    /// <summary>A name from the message as it can be shown: an identifier as it is, anything else quoted and shortened.</summary>
    private static string Quoted(string name) => ShownNamePattern().IsMatch(name) ? name : FaultReason.Quote(name);

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex ObjectIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,99}$")]
    private static partial Regex PropertyNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,39}$")]
    private static partial Regex ShownNamePattern();
}
