using System.Text.RegularExpressions;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Properties;

/// <summary><c>/crm/v3/properties/{objectType}</c>: read definitions and create custom (optionally unique) properties.</summary>
internal static partial class PropertyEndpoints
{
    public static RouteGroupBuilder MapPropertyEndpoints(this RouteGroupBuilder properties)
    {
        properties.MapGet("", List);
        properties.MapGet("/{propertyName}", Get);
        properties.MapPost("", Create);
        return properties;
    }

    private static IResult List(HttpContext context, string objectType, PropertyRegistry registry) =>
        ObjectTypes.TryResolve(objectType, out var type)
            ? HubSpotResults.Json(new PropertyListResponse(registry.List(type)), EmulatorJson.Context.PropertyListResponse)
            : HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));

    private static IResult Get(HttpContext context, string objectType, string propertyName, PropertyRegistry registry)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        return registry.TryGet(type, propertyName, out var definition)
            ? HubSpotResults.Json(definition, EmulatorJson.Context.PropertyDefinition)
            : HubSpotResults.Error(context, new InputError(
                StatusCodes.Status404NotFound,
                "OBJECT_NOT_FOUND",
                $"Unable to find property {propertyName} on object type {type.Name}"));
    }

    private static IResult Create(
        HttpContext context,
        string objectType,
        CreatePropertyRequest body,
        PropertyRegistry registry,
        TimeProvider clock,
        IOptions<EmulatorOptions> options)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        var problems = Validate(body);
        if (problems.Count > 0)
        {
            return HubSpotResults.BadRequest(context, "Invalid property definition: " + string.Join("; ", problems));
        }

        var now = Timestamp.Now(clock).Text;
        var definition = new PropertyDefinition
        {
            UpdatedAt = now,
            CreatedAt = now,
            Name = body.Name!,
            Label = body.Label!,
            Type = body.Type!,
            FieldType = body.FieldType!,
            Description = body.Description ?? "",
            GroupName = body.GroupName!,
            Options = [.. (body.Options ?? []).Select(static (o, i) => new PropertyOption(o.Label!, o.Value!, o.DisplayOrder ?? i, o.Hidden ?? false))],
            DisplayOrder = body.DisplayOrder ?? -1,
            HasUniqueValue = body.HasUniqueValue ?? false,
            Hidden = body.Hidden ?? false,
            FormField = body.FormField ?? false,
            ModificationMetadata = new ModificationMetadata(Archivable: true, ReadOnlyDefinition: false, ReadOnlyValue: false),
        };
        return registry.Create(type, definition) switch
        {
            PropertyCreation.Created => HubSpotResults.Json(definition, EmulatorJson.Context.PropertyDefinition, StatusCodes.Status201Created),
            PropertyCreation.AlreadyExists => HubSpotResults.Error(context, new InputError(
                StatusCodes.Status409Conflict,
                "OBJECT_ALREADY_EXISTS",
                $"A property named {definition.Name} already exists on object type {type.Name}.")),
            PropertyCreation.UniqueNotAllowed => HubSpotResults.Error(context, new InputError(
                StatusCodes.Status403Forbidden,
                "FORBIDDEN",
                "This account is not allowed to create properties with unique values.")),
            _ => HubSpotResults.BadRequest(
                context,
                $"An object type can have at most {options.Value.Properties.MaxUniquePropertiesPerType} unique value properties."),
        };
    }

    private static List<string> Validate(CreatePropertyRequest body)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(body.Name) || !InternalName().IsMatch(body.Name))
        {
            problems.Add("name is required and must be lower case letters, digits and underscores, starting with a letter");
        }

        foreach (var (field, value) in new[] { ("label", body.Label), ("type", body.Type), ("fieldType", body.FieldType), ("groupName", body.GroupName) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{field} is required");
            }
        }

        if (body.Type is not null && !PropertyTypes.FieldTypesByType.ContainsKey(body.Type))
        {
            problems.Add($"type must be one of: {string.Join(", ", PropertyTypes.FieldTypesByType.Keys)}");
        }
        else if (body.Type is not null && body.FieldType is not null && !PropertyTypes.FieldTypesByType[body.Type].Contains(body.FieldType))
        {
            problems.Add($"fieldType {body.FieldType} cannot be used with type {body.Type}");
        }

        if (body.Type == PropertyTypes.Enumeration && body.Options is not { Count: > 0 })
        {
            problems.Add("enumeration properties need at least one option");
        }

        if (body.Options?.Any(static o => string.IsNullOrEmpty(o.Label) || string.IsNullOrEmpty(o.Value)) == true)
        {
            problems.Add("every option needs a label and a value");
        }

        return problems;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,99}$")]
    private static partial Regex InternalName();
}
