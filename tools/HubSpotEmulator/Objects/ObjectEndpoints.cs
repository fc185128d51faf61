using System.Globalization;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects.Contracts;
using HubSpotEmulator.Properties;
using Microsoft.AspNetCore.Mvc;

namespace HubSpotEmulator.Objects;

/// <summary>Single-object CRUD and listing: <c>/crm/v3/objects/{objectType}[/{id}]</c>.</summary>
internal static class ObjectEndpoints
{
    private const int MaxListLimit = 100;

    public static RouteGroupBuilder MapObjectEndpoints(this RouteGroupBuilder objects)
    {
        objects.MapGet("", List);
        objects.MapPost("", Create);
        objects.MapGet("/{id}", Get);
        objects.MapPatch("/{id}", Update);
        objects.MapDelete("/{id}", Archive);
        return objects;
    }

    private static IResult List(
        HttpContext context,
        string objectType,
        [FromQuery] int? limit,
        [FromQuery] string? after,
        [FromQuery] string[]? properties,
        [FromQuery] string[]? associations,
        [FromQuery] bool? archived,
        PropertyRegistry registry,
        ObjectStore objects,
        ObjectResponses responses)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        var pageSize = limit ?? 10;
        if (pageSize is < 1 or > MaxListLimit)
        {
            return HubSpotResults.BadRequest(context, $"limit must be between 1 and {MaxListLimit}.");
        }

        var afterId = 0L;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterId))
        {
            return HubSpotResults.BadRequest(context, $"Invalid paging cursor: after={after}.");
        }

        var names = PropertySelection.Resolve(type, properties, registry);
        var associatedTypes = AssociatedTypes(type, associations);
        var wantArchived = archived == true;
        var snapshot = objects[type].Snapshot();
        var results = new List<ObjectResponse>(pageSize);
        Paging? paging = null;
        for (var i = FirstAtOrAfter(snapshot, afterId); i < snapshot.Count; i++)
        {
            var candidate = snapshot[i];
            var version = candidate.Current;
            if (version.Archived != wantArchived)
            {
                continue;
            }

            if (results.Count == pageSize)
            {
                // The cursor is the next id to return, as in HubSpot's list responses.
                paging = new Paging(new PagingNext(candidate.IdText));
                break;
            }

            results.Add(responses.Selected(candidate, version, names, associatedTypes));
        }

        return HubSpotResults.Json(new ObjectListResponse(results, paging), EmulatorJson.Context.ObjectListResponse);
    }

    private static IResult Create(
        HttpContext context,
        string objectType,
        CreateObjectRequest body,
        ObjectWriter writer)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        if (RequiredFields.Check([body], ("properties", static b => b.Properties is not null)) is { } missing)
        {
            return HubSpotResults.Error(context, missing);
        }

        var result = writer.Write(type, WriteKind.Create, [WriteInput.From(body)], atomic: true);
        return result.Failure is { } failure
            ? HubSpotResults.Error(context, failure)
            : HubSpotResults.Json(ObjectResponses.Written(result.Outcomes[0].Object!), EmulatorJson.Context.ObjectResponse, StatusCodes.Status201Created);
    }

    private static IResult Get(
        HttpContext context,
        string objectType,
        string id,
        [FromQuery] string[]? properties,
        [FromQuery] string[]? associations,
        [FromQuery] string? idProperty,
        [FromQuery] bool? archived,
        PropertyRegistry registry,
        ObjectLookup lookup,
        ObjectResponses responses)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        if (lookup.TryFind(type, id, idProperty, "read", out var found) is { } error)
        {
            return HubSpotResults.Error(context, error);
        }

        var version = found?.Current;
        if (version is null || version.Archived != (archived == true))
        {
            return HubSpotResults.Error(context, InputError.ObjectNotFound(id));
        }

        var names = PropertySelection.Resolve(type, properties, registry);
        return HubSpotResults.Json(
            responses.Selected(found!, version, names, AssociatedTypes(type, associations)),
            EmulatorJson.Context.ObjectResponse);
    }

    private static IResult Update(
        HttpContext context,
        string objectType,
        string id,
        [FromQuery] string? idProperty,
        UpdateObjectRequest body,
        ObjectWriter writer)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        if (RequiredFields.Check([body], ("properties", static b => b.Properties is not null)) is { } missing)
        {
            return HubSpotResults.Error(context, missing);
        }

        var input = new WriteInput(id, idProperty, null, body.Properties);
        var result = writer.Write(type, WriteKind.Update, [input], atomic: true);
        return result.Failure switch
        {
            { Category: "OBJECT_NOT_FOUND" } => HubSpotResults.Error(context, InputError.ObjectNotFound(id)),
            { } failure => HubSpotResults.Error(context, failure),
            null => HubSpotResults.Json(ObjectResponses.Written(result.Outcomes[0].Object!), EmulatorJson.Context.ObjectResponse),
        };
    }

    private static IResult Archive(HttpContext context, string objectType, string id, ObjectWriter writer)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        writer.Archive(type, [id]);
        return TypedResults.NoContent();
    }

    /// <summary>The <c>associations</c> parameter: comma-separated type names; unknown ones are ignored.</summary>
    private static List<ObjectTypeInfo>? AssociatedTypes(ObjectTypeInfo type, string[]? requested)
    {
        if (requested is not { Length: > 0 })
        {
            return null;
        }

        var types = new List<ObjectTypeInfo>();
        foreach (var name in requested.SelectMany(static r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (ObjectTypes.TryResolve(name, out var toType) && toType != type && !types.Contains(toType))
            {
                types.Add(toType);
            }
        }

        return types;
    }

    private static int FirstAtOrAfter(ArraySegment<CrmObject> sorted, long id)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].Id < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
