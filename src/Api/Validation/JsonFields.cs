using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HubSpotCrm.Contracts.Rules;

namespace HubSpotCrm.Api.Validation;

/// <summary>
/// Reads the fields of a JSON body one by one, recording a problem for each bad field instead of stopping at the
/// first, so a caller learns everything that is wrong with a request at once.
/// </summary>
public static partial class JsonFields
{
    public const int MaxShortTextLength = 256;
    public const int MaxLongTextLength = 65_536;

    public static string Path(string parent, string field) => parent.Length == 0 ? field : $"{parent}.{field}";

    public static string Path(string parent, int index) => $"{parent}[{index}]";

    public static string? RequiredText(JsonElement obj, string name, string path, ValidationErrors errors,
        int maxLength = MaxShortTextLength, bool multiline = false)
    {
        var field = Path(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field, "is required");
            return null;
        }
        return Text(value, field, errors, maxLength, multiline);
    }

    public static string? OptionalText(JsonElement obj, string name, string path, ValidationErrors errors,
        int maxLength = MaxShortTextLength)
    {
        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? Text(value, Path(path, name), errors, maxLength, multiline: false)
            : null;
    }

    public static string? RequiredEmail(JsonElement obj, string name, string path, ValidationErrors errors)
    {
        var email = RequiredText(obj, name, path, errors, EmailAddress.MaxLength);
        if (email is not null && !EmailAddress.IsValid(email))
        {
            errors.Add(Path(path, name), "must be a valid email address");
            return null;
        }
        return email;
    }

    /// <summary>A company's domain, or a web address with one, as normalized by <see cref="CompanyDomain"/>.</summary>
    public static string? RequiredDomain(JsonElement obj, string name, string path, ValidationErrors errors)
    {
        var domain = RequiredText(obj, name, path, errors, CompanyDomain.MaxInputLength);
        if (domain is null)
        {
            return null;
        }
        var normalized = CompanyDomain.Normalize(domain);
        if (normalized is null)
        {
            errors.Add(Path(path, name), CompanyDomain.Rule);
        }
        return normalized;
    }

    public static bool? OptionalBoolean(JsonElement obj, string name, string path, ValidationErrors errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(Path(path, name), "must be true or false");
            return null;
        }
        return value.GetBoolean();
    }

    public static string? RequiredPhone(JsonElement obj, string name, string path, ValidationErrors errors)
    {
        var phone = RequiredText(obj, name, path, errors, maxLength: 40);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors.Add(Path(path, name), "must be a phone number: digits, spaces and + ( ) . - only");
            return null;
        }
        return phone;
    }

    /// <summary>A HubSpot object id: digits, as a JSON string or integer.</summary>
    public static string? RequiredObjectId(JsonElement obj, string name, string path, ValidationErrors errors)
    {
        var field = Path(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field, "is required");
            return null;
        }
        return ObjectId(value, field, errors);
    }

    public static string? ObjectId(JsonElement value, string field, ValidationErrors errors)
    {
        var id = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetUInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (id is null || !HubSpotNames.IsObjectId(id))
        {
            errors.Add(field, "must be a HubSpot object id (up to 18 digits)");
            return null;
        }
        return id;
    }

    /// <summary>A positive amount, as a JSON number or a numeric string.</summary>
    public static decimal? RequiredAmount(JsonElement obj, string name, string path, ValidationErrors errors, decimal minimum)
    {
        var field = Path(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field, "is required");
            return null;
        }
        decimal? amount = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (amount is null)
        {
            errors.Add(field, "must be a number");
            return null;
        }
        if (amount < minimum)
        {
            errors.Add(field, $"must be at least {minimum.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return amount;
    }

    /// <summary>A non-empty array of at most <paramref name="maxItems"/> items.</summary>
    public static IReadOnlyList<JsonElement>? RequiredArray(JsonElement obj, string name, string path, ValidationErrors errors, int maxItems)
    {
        var field = Path(path, name);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field, "is required");
            return null;
        }
        return Array(value, field, errors, maxItems, allowEmpty: false);
    }

    public static IReadOnlyList<JsonElement>? OptionalArray(JsonElement obj, string name, string path, ValidationErrors errors, int maxItems)
    {
        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? Array(value, Path(path, name), errors, maxItems, allowEmpty: true)
            : null;
    }

    /// <summary>
    /// Every field not named in <paramref name="knownFields"/> becomes a HubSpot property, so callers can set any
    /// property of their portal. Names must look like HubSpot internal names; values must be scalars.
    /// </summary>
    public static Dictionary<string, string> PassThroughProperties(JsonElement obj, string path, IReadOnlySet<string> knownFields,
        IReadOnlyDictionary<string, string> reservedNames, ValidationErrors errors)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (knownFields.Contains(property.Name))
            {
                continue;
            }
            var field = Path(path, property.Name);
            if (!HubSpotNames.IsPropertyName(property.Name))
            {
                errors.Add(field, "is not a valid HubSpot property name: use lowercase letters, digits and underscores, starting with a letter, at most 100 characters");
                continue;
            }
            if (reservedNames.TryGetValue(property.Name, out var instead))
            {
                errors.Add(field, $"is set from '{instead}'; send '{instead}' instead");
                continue;
            }
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => Text(property.Value, field, errors, MaxLongTextLength, multiline: true),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => Invalid(field, "must be a string, a number or a boolean", errors),
            };
            if (value is not null)
            {
                properties[property.Name] = value;
            }
        }
        return properties;
    }

    private static string? Text(JsonElement value, string field, ValidationErrors errors, int maxLength, bool multiline)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return Invalid(field, "must be a string", errors);
        }
        string text;
        try
        {
            text = value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            return Invalid(field, "must be valid Unicode", errors);
        }
        if (text.Length == 0)
        {
            return Invalid(field, "must not be empty", errors);
        }
        if (text.Length > maxLength)
        {
            return Invalid(field, $"must be at most {maxLength} characters", errors);
        }
        return CrmText.FindProblem(text, multiline) is { } problem ? Invalid(field, problem, errors) : text;
    }

    private static IReadOnlyList<JsonElement>? Array(JsonElement value, string field, ValidationErrors errors, int maxItems, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, "must be an array");
            return null;
        }
        var length = value.GetArrayLength();
        if (length == 0 && !allowEmpty)
        {
            errors.Add(field, "must not be empty");
            return null;
        }
        if (length > maxItems)
        {
            errors.Add(field, $"must have at most {maxItems} items per request; split larger sets into several requests");
            return null;
        }
        return [.. value.EnumerateArray()];
    }

    private static string? Invalid(string field, string message, ValidationErrors errors)
    {
        errors.Add(field, message);
        return null;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]{1,38}[0-9)]$")]
    private static partial Regex PhonePattern();

}
