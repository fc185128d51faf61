using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Objects.Contracts;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Associations;

/// <summary>The v3 batch API older clients use: <c>/crm/v3/associations/{fromObjectType}/{toObjectType}/batch/*</c>, typed by name (<c>contact_to_deal</c>).</summary>
internal static class AssociationV3Endpoints
{
    public static RouteGroupBuilder MapAssociationV3Endpoints(this RouteGroupBuilder batch)
    {
        batch.MapPost("/create", Create);
        batch.MapPost("/read", Read);
        batch.MapPost("/archive", Archive);
        return batch;
    }

    private static IResult Create(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<V3AssociationInput> body,
        AssociationService service,
        IOptions<EmulatorOptions> options,
        TimeProvider clock)
    {
        var startedAt = Timestamp.Now(clock);
        if (AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchWriteMaxInputs, out var from, out var to) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        var direction = AssociationKinds.Between(from, to)!;
        var names = direction.V3Names(primary: true);
        if (body.Inputs!.FirstOrDefault(i => !names.Contains(i.Type, StringComparer.Ordinal)) is { } wrong)
        {
            return HubSpotResults.BadRequest(
                context,
                $"Association type {wrong.Type} is not valid from {from.Singular} to {to.Singular}; use {string.Join(" or ", names)}.");
        }

        var results = new List<V3AssociationResult>();
        var errors = new List<StandardError>();
        foreach (var input in body.Inputs!)
        {
            // HubSpot makes the company named by contact_to_company (and the like) the object's primary company.
            if (service.Link(from, input.From?.Id, to, input.To?.Id, direction.IsPrimaryV3Name(input.Type)) is { } error)
            {
                errors.Add(error.ToStandardError(null));
            }
            else
            {
                results.Add(new V3AssociationResult(input.From!, input.To!, input.Type!));
            }
        }

        return AssociationBatches.Respond(results, errors, startedAt, clock, StatusCodes.Status201Created, EmulatorJson.Context.BatchResponseV3AssociationResult);
    }

    /// <summary>As in v4, objects without associations are left out and missing objects are reported in <c>errors</c>.</summary>
    private static IResult Read(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<ObjectId> body,
        AssociationService service,
        AssociationStore store,
        IOptions<EmulatorOptions> options,
        TimeProvider clock)
    {
        var startedAt = Timestamp.Now(clock);
        if (AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchReadMaxInputs, out var from, out var to) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        var direction = AssociationKinds.Between(from, to)!;
        var results = new List<V3BatchReadResult>();
        var missing = new List<string>();
        foreach (var id in body.Inputs!.Select(static i => i.Id ?? "").Distinct(StringComparer.Ordinal))
        {
            if (service.Find(from, id, out var source) is not null)
            {
                missing.Add(id);
                continue;
            }

            var targets = store.List(source, to);
            if (targets.Length > 0)
            {
                results.Add(new V3BatchReadResult(new ObjectId(id), [.. targets.SelectMany(t => AssociationService.V3Ids(direction, t))]));
            }
        }

        List<StandardError> errors = missing.Count == 0 ? [] : [InputError.MissingObjects(from.UpperName, missing).ToStandardError(null)];
        return AssociationBatches.Respond(results, errors, startedAt, clock, StatusCodes.Status200OK, EmulatorJson.Context.BatchResponseV3BatchReadResult);
    }

    private static IResult Archive(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<V3AssociationInput> body,
        AssociationService service,
        IOptions<EmulatorOptions> options)
    {
        if (AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchWriteMaxInputs, out var from, out var to) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        // Archiving the primary type takes only the label away, as v4 batch/labels/archive does; any other name unlinks the pair.
        var direction = AssociationKinds.Between(from, to)!;
        foreach (var input in body.Inputs!)
        {
            var primaryOnly = direction.IsPrimaryV3Name(input.Type);
            service.RemoveLabels(from, input.From?.Id, to, input.To?.Id, unlabelled: !primaryOnly, primary: primaryOnly);
        }

        return TypedResults.NoContent();
    }
}
