using System.Text.Json;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>
/// HubSpot's VALIDATION_ERROR names the offending properties inside its message:
/// "Property values were not valid: [{"isValid":false,"message":"…","error":"PROPERTY_DOESNT_EXIST","name":"x"}]".
/// </summary>
public static class PropertyValueErrors
{
    private const string Prefix = "Property values were not valid: ";

    public static IReadOnlyList<PropertyValueError> Parse(HubSpotErrorBody body)
    {
        var found = new List<PropertyValueError>();
        var message = body.Message ?? "";
        var start = message.IndexOf(Prefix, StringComparison.Ordinal);
        if (start >= 0)
        {
            try
            {
                using var document = JsonDocument.Parse(message[(start + Prefix.Length)..]);
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    found.Add(new PropertyValueError(
                        Text(item, "name"), Text(item, "error"), Text(item, "message")));
                }
            }
            catch (JsonException)
            {
                // The message is free text after all; fall back to the structured errors below.
            }
        }
        foreach (var detail in body.Errors ?? [])
        {
            var name = detail.Context?.GetValueOrDefault("propertyName")?.FirstOrDefault();
            if (name is not null && !found.Any(f => f.Name == name && f.Error == detail.Code))
            {
                found.Add(new PropertyValueError(name, detail.Code, detail.Message));
            }
        }
        return found;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

public sealed record PropertyValueError(string? Name, string? Error, string? Message);
