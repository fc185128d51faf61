using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Rules;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Checks a command's JSON against its published JSON Schema (src/Contracts/Schemas), field by field, and records each
/// problem with the field's path, so the reason an operator reads in the _error queue says exactly what to fix. It reads
/// the subset of draft 2020-12 those schemas use (type, properties, required, additionalProperties, propertyNames,
/// items, minItems, maxItems, maxLength, pattern, our formats, and $ref to another wire schema by its file name) instead of running a general validator, because a
/// hostile message must cost little: a general validator spent 131 MiB and half a second on one 430 KB message of
/// 30,000 bad properties, where this lists the first <see cref="MaxListedProblems"/> and only counts the others, and
/// never turns a name longer than any field's into text. Field names match case-insensitively, as the deserializer does.
/// Whatever the message holds, the problems are printable and bounded: names and values are quoted through <see cref="FaultReason"/>.
/// </summary>
public sealed partial class JsonChecks
{
    public const int MaxListedProblems = 10;

    /// <summary>No field or HubSpot property name is longer: 100 characters, each escaped at most (\u0061).</summary>
    private const int MaxNameBytes = 6 * 100;

    private readonly List<string> _problems = [];

    /// <summary>The first problems found, at most <see cref="MaxListedProblems"/>.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>How many problems were found, listed or not.</summary>
    public int Count { get; private set; }

    /// <summary>Checks <paramref name="instance"/>, found at <paramref name="path"/>, against <paramref name="schema"/>.</summary>
    public void Check(JsonElement schema, JsonElement instance, string path)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(WireSchemas.Of(WireSchemas.NameOf(reference.GetString()!)), instance, path);
            return;
        }
        if (!HasAllowedType(schema, instance, path))
        {
            return;
        }
        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, instance, path);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, instance, path);
                break;
            case JsonValueKind.String:
                CheckString(schema, instance, path);
                break;
        }
    }

    private bool HasAllowedType(JsonElement schema, JsonElement instance, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }
        var allowed = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : new[] { type.GetString()! };
        if (instance.ValueKind == JsonValueKind.Null && allowed.Contains("null"))
        {
            return false;
        }
        var ok = allowed.Any(t => t switch
        {
            "object" => instance.ValueKind == JsonValueKind.Object,
            "array" => instance.ValueKind == JsonValueKind.Array,
            "string" => instance.ValueKind == JsonValueKind.String,
            // Within .NET's decimal range: a number the deserializer cannot hold is as wrong as a word.
            "number" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out _),
            "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
            "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        });
        if (!ok)
        {
            var expected = allowed.First(t => t != "null");
            Add(expected switch
            {
                "object" when path.Length == 0 => "the message must be an object",
                "number" => $"{path} must be a number, got {Shorten(instance)}",
                _ => $"{Describe(path)} must be {Article(expected)} {expected}, got {Kind(instance)}",
            });
        }
        return ok;
    }

    private void CheckObject(JsonElement schema, JsonElement instance, string path)
    {
        var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
        var required = schema.TryGetProperty("required", out var names) ? [.. names.EnumerateArray().Select(n => n.GetString()!)] : Array.Empty<string>();
        schema.TryGetProperty("additionalProperties", out var additional);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in instance.EnumerateObject())
        {
            var name = NameOf(property);
            var field = name is null || declared.ValueKind != JsonValueKind.Object
                ? null
                : declared.EnumerateObject().Select(p => p.Name).FirstOrDefault(f => f.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (field is not null)
            {
                seen.Add(field);
                if (property.Value.ValueKind != JsonValueKind.Null)
                {
                    Check(declared.GetProperty(field), property.Value, Join(path, field));
                }
                else if (required.Contains(field, StringComparer.OrdinalIgnoreCase))
                {
                    Add($"{Join(path, field)} is required");
                }
                continue;
            }
            if (additional.ValueKind != JsonValueKind.Object)
            {
                Add($"{Join(path, Quoted(name ?? Spelling(property)))} is not a field of this command (misspelled?)");
                continue;
            }
            if (name is null || !NameMatches(schema, name))
            {
                Add($"{path}.{Quoted(name ?? Spelling(property))} is not a valid HubSpot property name (lowercase letters, digits and '_')");
                continue;
            }
            Check(additional, property.Value, $"{path}.{name}");
        }
        foreach (var missing in required.Where(r => !seen.Contains(r)))
        {
            Add($"{Join(path, missing)} is required");
        }
    }

    private static bool NameMatches(JsonElement schema, string name) =>
        !schema.TryGetProperty("propertyNames", out var names) || !names.TryGetProperty("pattern", out var pattern) ||
        Pattern(pattern.GetString()!).IsMatch(name);

    private void CheckArray(JsonElement schema, JsonElement instance, string path)
    {
        var length = instance.GetArrayLength();
        if (length == 0 && schema.TryGetProperty("minItems", out var min) && min.GetInt32() > 0)
        {
            Add($"{path} must not be empty");
        }
        if (schema.TryGetProperty("maxItems", out var max) && length > max.GetInt32())
        {
            Add($"{path} must have at most {max.GetInt32()} items");
            return;
        }
        if (!schema.TryGetProperty("items", out var items))
        {
            return;
        }
        var index = 0;
        foreach (var element in instance.EnumerateArray())
        {
            Check(items, element, $"{path}[{index++}]");
        }
    }

    private void CheckString(JsonElement schema, JsonElement instance, string path)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format == "uuid")
        {
            // The one form System.Text.Json (MassTransit's deserializer) reads: TryGetGuid is that reader's own rule.
            if (!ReadsAsGuid(instance, out var id) || id == Guid.Empty)
            {
                Add($"{path} must be a non-empty GUID in its 36-character form, 8-4-4-4-12 hex digits with hyphens " +
                    $"(5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10), got {Shorten(instance)}");
            }
            return;
        }
        var text = StringOf(instance);
        var multiline = format is "crm-multiline-text" or "crm-property-value";
        if ((text is null ? "must be valid Unicode" : CrmText.FindProblem(text, multiline)) is { } problem)
        {
            Add($"{path} {problem}, got {Shorten(instance)}");
            return;
        }
        if (format is "crm-text" or "crm-multiline-text" or "email" or "company-domain" && string.IsNullOrWhiteSpace(text))
        {
            Add($"{path} must not be empty");
            return;
        }
        if (schema.TryGetProperty("maxLength", out var maxLength) && text!.Length > maxLength.GetInt32())
        {
            Add($"{path} must be at most {maxLength.GetInt32()} characters");
            return;
        }
        if (format == "email" && !EmailAddress.IsValid(text!))
        {
            Add($"{path} must be one email address, got {Shorten(instance)}");
            return;
        }
        if (format == "company-domain" && !CompanyDomain.IsValid(text!))
        {
            Add($"{path} {CompanyDomain.Rule}, got {Shorten(instance)}");
            return;
        }
        if (schema.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(text!))
        {
            Add(pattern.GetString() == HubSpotNames.ObjectIdPattern
                ? $"{path} must be a HubSpot object id (a string of digits), got {Shorten(instance)}"
                : $"{path} must be a number, got {Shorten(instance)}");
        }
    }

    private void Add(string problem)
    {
        if (Count++ < MaxListedProblems)
        {
            _problems.Add(problem);
        }
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

    // The schemas' other patterns, built once each. NonBacktracking matches in time linear in the text, so a hostile
    // message cannot make a match run long without a wall-clock timeout, which a Worker kept off the CPU mid-match
    // would hit and so refuse a valid command to _error.
    private static readonly ConcurrentDictionary<string, Regex> SchemaPatterns = new(StringComparer.Ordinal);

    private static Regex Pattern(string pattern) => pattern switch
    {
        HubSpotNames.ObjectIdPattern => ObjectIdPattern(),
        HubSpotNames.PropertyNamePattern => PropertyNamePattern(),
        _ => SchemaPatterns.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)),
    };

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static string Describe(string path) => path.Length == 0 ? "the message" : path;

    private static string Article(string type) => type is "object" or "array" or "integer" ? "an" : "a";

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string Shorten(JsonElement value) => value.ValueKind == JsonValueKind.String ? FaultReason.Quote(Spelling(value)) : Kind(value);

    /// <summary>A name as the reason shows it: as it is when it is plain, quoted (and bounded) otherwise.</summary>
    private static string Quoted(string name) => ShownNamePattern().IsMatch(name) ? name : FaultReason.Quote(name);

    [GeneratedRegex(HubSpotNames.ObjectIdPattern)]
    private static partial Regex ObjectIdPattern();

    [GeneratedRegex(HubSpotNames.PropertyNamePattern)]
    private static partial Regex PropertyNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,39}$")]
    private static partial Regex ShownNamePattern();
}
