using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Objects.Contracts;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Associations;

/// <summary>
/// <c>/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/*</c>. An invalid type id fails the whole batch (400);
/// a missing object only fails its input (207).
/// </summary>
internal static class AssociationV4BatchEndpoints
{
    private static readonly (string, Func<AssociationPairInput, bool>)[] FromAndTo =
        [("from", static i => i.From is not null), ("to", static i => i.To is not null)];

    public static RouteGroupBuilder MapAssociationV4BatchEndpoints(this RouteGroupBuilder batch)
    {
        batch.MapPost("/associate/default", AssociateDefault);
        batch.MapPost("/create", Create);
        batch.MapPost("/read", Read);
        batch.MapPost("/archive", Archive);
        batch.MapPost("/labels/archive", ArchiveLabels);
        return batch;
    }

    private static IResult AssociateDefault(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<AssociationPairInput> body,
        AssociationService service,
        IOptions<EmulatorOptions> options,
        TimeProvider clock)
    {
        var startedAt = Timestamp.Now(clock);
        if ((AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchWriteMaxInputs, out var from, out var to)
            ?? RequiredFields.Check(body.Inputs!, FromAndTo)) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        var results = new List<DefaultAssociationResult>();
        var errors = new List<StandardError>();
        foreach (var input in body.Inputs!)
        {
            if (service.Link(from, input.From?.Id, to, input.To?.Id) is { } error)
            {
                errors.Add(error.ToStandardError(null));
            }
            else
            {
                results.AddRange(AssociationV4Endpoints.DefaultResults(from, input.From!.Id!, to, input.To!.Id!));
            }
        }

        return AssociationBatches.Respond(results, errors, startedAt, clock, StatusCodes.Status200OK, EmulatorJson.Context.BatchResponseDefaultAssociationResult);
    }

    private static IResult Create(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<AssociationPairInput> body,
        AssociationService service,
        IOptions<EmulatorOptions> options,
        TimeProvider clock)
    {
        var startedAt = Timestamp.Now(clock);
        if ((AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchWriteMaxInputs, out var from, out var to)
            ?? RequiredFields.Check(body.Inputs!, FromAndTo)) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        var primaries = new bool[body.Inputs!.Count];
        for (var i = 0; i < primaries.Length; i++)
        {
            if (AssociationService.CheckTypes(from, to, body.Inputs[i].Types, out primaries[i]) is { } typeError)
            {
                return HubSpotResults.Error(context, typeError);
            }
        }

        var results = new List<LabelsBetweenObjectPair>();
        var errors = new List<StandardError>();
        for (var i = 0; i < primaries.Length; i++)
        {
            var input = body.Inputs[i];
            if (service.Link(from, input.From?.Id, to, input.To?.Id, primaries[i]) is { } error)
            {
                errors.Add(error.ToStandardError(null));
            }
            else
            {
                results.Add(service.Labels(from, input.From!.Id!, to, input.To!.Id!));
            }
        }

        return AssociationBatches.Respond(results, errors, startedAt, clock, StatusCodes.Status201Created, EmulatorJson.Context.BatchResponseLabelsBetweenObjectPair);
    }

    /// <summary>
    /// Objects with associations are in <c>results</c>; each object without any is a NO_ASSOCIATIONS_FOUND item of
    /// <c>errors</c>, as HubSpot answers; objects that do not exist are one OBJECT_NOT_FOUND item.
    /// </summary>
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
        if ((AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchReadMaxInputs, out var from, out var to)
            ?? RequiredFields.Check(body.Inputs!, ("id", static i => i.Id is not null))) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        var results = new List<AssociationBatchReadResult>();
        var missing = new List<string>();
        var unassociated = new List<string>();
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
                results.Add(new AssociationBatchReadResult(new ObjectId(id), [.. targets.Select(t => AssociationService.Target(from, to, t))]));
            }
            else
            {
                unassociated.Add(id);
            }
        }

        var errors = unassociated.Select(id => InputError.NoAssociations(from.Singular, to.Singular, id).ToStandardError(null)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(InputError.MissingObjects(from.UpperName, missing).ToStandardError(null));
        }

        return AssociationBatches.Respond(results, errors, startedAt, clock, StatusCodes.Status200OK, EmulatorJson.Context.BatchResponseAssociationBatchReadResult);
    }

    /// <summary>
    /// "Batch delete specific association labels for objects. Deleting an unlabeled association will also delete all labeled
    /// associations between those two objects." A wrong type id fails the whole batch, as on batch/create.
    /// </summary>
    private static IResult ArchiveLabels(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<AssociationPairInput> body,
        AssociationService service,
        IOptions<EmulatorOptions> options)
    {
        if ((AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchWriteMaxInputs, out var from, out var to)
            ?? RequiredFields.Check(body.Inputs!, FromAndTo)) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        var unlabelledTypeId = AssociationKinds.Between(from, to)!.UnlabelledTypeId;
        var labels = new List<(bool Unlabelled, bool Primary)>(body.Inputs!.Count);
        foreach (var input in body.Inputs!)
        {
            if (AssociationService.CheckTypes(from, to, input.Types, out var primary) is { } typeError)
            {
                return HubSpotResults.Error(context, typeError);
            }

            labels.Add((input.Types!.Any(t => t.AssociationTypeId == unlabelledTypeId), primary));
        }

        for (var i = 0; i < labels.Count; i++)
        {
            service.RemoveLabels(from, body.Inputs[i].From?.Id, to, body.Inputs[i].To?.Id, labels[i].Unlabelled, labels[i].Primary);
        }

        return TypedResults.NoContent();
    }

    private static IResult Archive(
        HttpContext context,
        string fromObjectType,
        string toObjectType,
        BatchRequest<AssociationArchiveInput> body,
        AssociationService service,
        IOptions<EmulatorOptions> options)
    {
        if ((AssociationBatches.Check(fromObjectType, toObjectType, body.Inputs, options.Value.Associations.BatchWriteMaxInputs, out var from, out var to)
            ?? RequiredFields.Check(body.Inputs!, ("from", static i => i.From is not null), ("to", static i => i.To is not null))) is { } invalid)
        {
            return HubSpotResults.Error(context, invalid);
        }

        foreach (var input in body.Inputs!)
        {
            foreach (var target in input.To ?? [])
            {
                service.Unlink(from, input.From?.Id, to, target.Id);
            }
        }

        return TypedResults.NoContent();
    }
}
