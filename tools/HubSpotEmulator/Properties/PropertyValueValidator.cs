using System.Globalization;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Objects;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Properties;

/// <summary>Checks the property values of a write the way HubSpot does and puts them in HubSpot's stored form.</summary>
internal sealed class PropertyValueValidator(PropertyRegistry registry, IOptions<EmulatorOptions> options)
{
    private static readonly IReadOnlyDictionary<string, string?> NoInput = new Dictionary<string, string?>();

    /// <param name="existing">The object's current properties, or null for a create.</param>
    /// <param name="changes">Normalized values; null clears a property.</param>
    public List<PropertyProblem> Validate(
        ObjectTypeInfo type,
        IReadOnlyDictionary<string, string?>? input,
        IReadOnlyDictionary<string, string>? existing,
        out Dictionary<string, string?> changes)
    {
        changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<PropertyProblem>();
        foreach (var (name, value) in input ?? NoInput)
        {
            if (!registry.TryGet(type, name, out var definition))
            {
                problems.Add(new PropertyProblem(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
            }
            else if (definition.ReadOnlyValue)
            {
                problems.Add(new PropertyProblem(name, "READ_ONLY_VALUE", $"\"{name}\" is a read only property; its value cannot be set."));
            }
            else if (string.IsNullOrEmpty(value))
            {
                changes[name] = null;
            }
            else if (Normalize(type, definition, value, out var problem) is { } normalized)
            {
                changes[name] = normalized;
            }
            else
            {
                problems.Add(problem!);
            }
        }

        CheckPipeline(type, changes, existing, problems);
        if (existing is null && options.Value.Objects.EnforceRequiredProperties)
        {
            CheckRequired(type, changes, problems);
        }

        return problems;
    }

    private static string? Normalize(ObjectTypeInfo type, PropertyDefinition definition, string value, out PropertyProblem? problem)
    {
        problem = null;
        var name = definition.Name;
        if (type == ObjectTypes.Contacts && name == "email")
        {
            var email = value.Trim();
            if (IsValidEmail(email))
            {
                // HubSpot stores contact emails in lower case.
                return email.ToLowerInvariant();
            }

            problem = new PropertyProblem(name, "INVALID_EMAIL", $"Email address {value} is invalid");
            return null;
        }

        switch (definition.Type)
        {
            case PropertyTypes.Number:
                if (PropertyValues.TryParseNumber(value, out _))
                {
                    return value.Trim();
                }

                problem = new PropertyProblem(name, "INVALID_DECIMAL", $"{value} was not a valid number.");
                return null;

            case PropertyTypes.DateTime or PropertyTypes.Date:
                if (PropertyValues.TryParseInstant(value, out var ms))
                {
                    return definition.Type == PropertyTypes.Date
                        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : Timestamp.Format(ms);
                }

                problem = new PropertyProblem(name, "INVALID_DATE", $"{value} was not a valid date. Use epoch milliseconds or ISO-8601.");
                return null;

            case PropertyTypes.Bool:
                if (bool.TryParse(value.Trim(), out var flag))
                {
                    return flag ? "true" : "false";
                }

                problem = new PropertyProblem(name, "INVALID_BOOLEAN", $"{value} was not a valid boolean.");
                return null;

            case PropertyTypes.Enumeration when !definition.ExternalOptions:
                // Checkbox properties hold several options separated by semicolons.
                var values = definition.FieldType == "checkbox" ? value.Split(';') : [value];
                if (values.All(v => definition.Options.Any(o => o.Value == v)))
                {
                    return value;
                }

                problem = InvalidOption(name, values.First(v => definition.Options.All(o => o.Value != v)), definition.Options);
                return null;

            default:
                return value;
        }
    }

    private static void CheckPipeline(
        ObjectTypeInfo type,
        Dictionary<string, string?> changes,
        IReadOnlyDictionary<string, string>? existing,
        List<PropertyProblem> problems)
    {
        var pipelines = type == ObjectTypes.Deals ? Pipelines.Deals : type == ObjectTypes.Tickets ? Pipelines.Tickets : null;
        if (pipelines is null)
        {
            return;
        }

        var pipeline = changes.TryGetValue(pipelines.PipelineProperty, out var changed)
            ? changed
            : existing?.GetValueOrDefault(pipelines.PipelineProperty);
        if (pipeline is null && existing is null)
        {
            pipeline = pipelines.DefaultPipeline;
            changes[pipelines.PipelineProperty] = pipeline;
        }

        if (changes.GetValueOrDefault(pipelines.StageProperty) is { } stage
            && pipeline is not null
            && pipelines.StagesByPipeline.TryGetValue(pipeline, out var stages)
            && stages.All(s => s.Value != stage))
        {
            problems.Add(InvalidOption(pipelines.StageProperty, stage, stages));
        }
    }

    private static void CheckRequired(ObjectTypeInfo type, Dictionary<string, string?> changes, List<PropertyProblem> problems)
    {
        string[] required = type == ObjectTypes.Deals ? ["dealname", "dealstage"]
            : type == ObjectTypes.Tickets ? ["subject", "hs_pipeline_stage"]
            : [];
        foreach (var name in required)
        {
            if (changes.GetValueOrDefault(name) is null && problems.TrueForAll(p => p.Name != name))
            {
                problems.Add(new PropertyProblem(name, "REQUIRED_PROPERTY", $"{name} is required."));
            }
        }
    }

    private static PropertyProblem InvalidOption(string name, string value, IEnumerable<PropertyOption> allowed) =>
        new(name, "INVALID_OPTION", $"{value} was not one of the allowed options: [{string.Join(", ", allowed.Select(static o => o.Value))}]");

    private static bool IsValidEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var domain = email[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && domain.Split('.').All(static label => label.Length > 0);
    }
}
