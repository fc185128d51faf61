using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects.Contracts;
using HubSpotEmulator.Properties;
using Microsoft.AspNetCore.Mvc;

namespace HubSpotEmulator.Objects;

/// <summary>
/// <c>/crm/v3/objects/{objectType}/batch/*</c>. Writes answer 207 with per-input errors only when every input
/// carries an <c>objectWriteTraceId</c>; otherwise the first invalid input fails the whole batch.
/// </summary>
internal static class ObjectBatchEndpoints
{
    private static readonly (string, Func<UpdateObjectRequest, bool>)[] IdAndProperties =
        [("id", static i => i.Id is not null), ("properties", static i => i.Properties is not null)];

    public static RouteGroupBuilder MapObjectBatchEndpoints(this RouteGroupBuilder objects)
    {
        objects.MapPost("/batch/create", Create);
        objects.MapPost("/batch/read", Read);
        objects.MapPost("/batch/update", Update);
        objects.MapPost("/batch/upsert", Upsert);
        objects.MapPost("/batch/archive", Archive);
        return objects;
    }

    private static IResult Create(HttpContext context, string objectType, BatchRequest<CreateObjectRequest> body, ObjectWriter writer, TimeProvider clock)
    {
        if ((Check(context, objectType, body.Inputs, out var type)
            ?? Required(context, body.Inputs!, ("properties", static i => i.Properties is not null))) is { } invalid)
        {
            return invalid;
        }

        var inputs = body.Inputs!.Select(WriteInput.From).ToList();
        return Write(context, clock, writer, type, WriteKind.Create, inputs, atomic: !AllTraced(inputs), StatusCodes.Status201Created);
    }

    private static IResult Update(HttpContext context, string objectType, BatchRequest<UpdateObjectRequest> body, ObjectWriter writer, TimeProvider clock)
    {
        if ((Check(context, objectType, body.Inputs, out var type) ?? Required(context, body.Inputs!, IdAndProperties)) is { } invalid)
        {
            return invalid;
        }

        var inputs = body.Inputs!.Select(WriteInput.From).ToList();
        return Write(context, clock, writer, type, WriteKind.Update, inputs, atomic: !AllTraced(inputs), StatusCodes.Status200OK);
    }

    private static IResult Upsert(HttpContext context, string objectType, BatchRequest<UpdateObjectRequest> body, ObjectWriter writer, TimeProvider clock)
    {
        if ((Check(context, objectType, body.Inputs, out var type) ?? Required(context, body.Inputs!, IdAndProperties)) is { } invalid)
        {
            return invalid;
        }

        var inputs = body.Inputs!.Select(WriteInput.From).ToList();

        // "Partial upserts are not supported when using email as the idProperty for contacts."
        var byEmail = type == ObjectTypes.Contacts && inputs.Exists(static i => i.IdProperty == "email");
        return Write(context, clock, writer, type, WriteKind.Upsert, inputs, atomic: byEmail || !AllTraced(inputs), StatusCodes.Status200OK);
    }

    private static IResult Read(
        HttpContext context,
        string objectType,
        [FromQuery] bool? archived,
        BatchReadRequest body,
        ObjectLookup lookup,
        ObjectResponses responses,
        PropertyRegistry registry,
        TimeProvider clock)
    {
        if ((Check(context, objectType, body.Inputs, out var type) ?? Required(context, body.Inputs!, ("id", static i => i.Id is not null))) is { } invalid)
        {
            return invalid;
        }

        var startedAt = Timestamp.Now(clock);
        var names = PropertySelection.Resolve(type, body.Properties, registry);
        var results = new List<ObjectResponse>(body.Inputs!.Count);
        var missing = new List<string>();
        foreach (var id in body.Inputs.Select(static i => i.Id ?? "").Distinct(StringComparer.Ordinal))
        {
            if (lookup.TryFind(type, id, body.IdProperty, "read", out var found) is { } error)
            {
                return HubSpotResults.Error(context, error);
            }

            if (found?.Current is { } version && version.Archived == (archived == true))
            {
                results.Add(responses.Selected(found, version, names));
            }
            else
            {
                missing.Add(id);
            }
        }

        IReadOnlyList<StandardError>? errors = missing.Count == 0 ? null : [InputError.MissingObjects(type.UpperName, missing).ToStandardError(null)];
        return Respond(clock, startedAt, results, errors, StatusCodes.Status200OK);
    }

    private static IResult Archive(HttpContext context, string objectType, BatchRequest<ObjectId> body, ObjectWriter writer)
    {
        if ((Check(context, objectType, body.Inputs, out var type) ?? Required(context, body.Inputs!, ("id", static i => i.Id is not null))) is { } invalid)
        {
            return invalid;
        }

        writer.Archive(type, body.Inputs!.Select(static i => i.Id));
        return TypedResults.NoContent();
    }

    private static IResult Write(
        HttpContext context,
        TimeProvider clock,
        ObjectWriter writer,
        ObjectTypeInfo type,
        WriteKind kind,
        List<WriteInput> inputs,
        bool atomic,
        int successStatus)
    {
        var startedAt = Timestamp.Now(clock);
        var result = writer.Write(type, kind, inputs, atomic);
        if (result.Failure is { } failure)
        {
            return HubSpotResults.Error(context, failure);
        }

        var results = result.Outcomes
            .Where(static o => o.Object is not null)
            .Select(o => ObjectResponses.Written(o.Object!, kind == WriteKind.Upsert ? o.Created : null, o.ObjectWriteTraceId))
            .ToList();
        var errors = result.Outcomes
            .Where(static o => o.Error is not null)
            .Select(static o => o.Error!.ToStandardError(o.ObjectWriteTraceId))
            .ToList();
        return Respond(clock, startedAt, results, errors.Count == 0 ? null : errors, successStatus);
    }

    private static IResult Respond(TimeProvider clock, Timestamp startedAt, List<ObjectResponse> results, IReadOnlyList<StandardError>? errors, int successStatus)
    {
        var response = new BatchResponse<ObjectResponse>(
            BatchResponse<ObjectResponse>.Complete,
            results,
            errors?.Count,
            errors,
            startedAt.Text,
            Timestamp.Now(clock).Text);
        return HubSpotResults.Json(response, EmulatorJson.Context.BatchResponseObjectResponse, response.HasErrors ? StatusCodes.Status207MultiStatus : successStatus);
    }

    private static IResult? Check<T>(HttpContext context, string objectType, IReadOnlyList<T>? inputs, out ObjectTypeInfo type)
    {
        if (!ObjectTypes.TryResolve(objectType, out var resolved))
        {
            type = ObjectTypes.Contacts;
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        type = resolved;
        return BatchLimits.Check(inputs, BatchLimits.ObjectInputs) is { } problem ? HubSpotResults.BadRequest(context, problem) : null;
    }

    private static IResult? Required<T>(HttpContext context, IReadOnlyList<T> inputs, params (string Name, Func<T, bool> IsSet)[] fields)
        where T : class =>
        RequiredFields.Check(inputs, fields) is { } missing ? HubSpotResults.Error(context, missing) : null;

    private static bool AllTraced(List<WriteInput> inputs) =>
        inputs.Count > 0 && inputs.TrueForAll(static i => !string.IsNullOrEmpty(i.ObjectWriteTraceId));
}
