using System.Globalization;
using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects;
using Microsoft.AspNetCore.Mvc;

namespace HubSpotEmulator.Associations;

/// <summary>Single-object v4 endpoints: <c>/crm/v4/objects/{objectType}/{objectId}/associations/…</c>.</summary>
internal static class AssociationV4Endpoints
{
    private const int MaxListLimit = 500;

    public static RouteGroupBuilder MapAssociationV4Endpoints(this RouteGroupBuilder associations)
    {
        associations.MapPut("/default/{toObjectType}/{toObjectId}", AssociateDefault);
        associations.MapPut("/{toObjectType}/{toObjectId}", AssociateLabelled);
        associations.MapGet("/{toObjectType}", List);
        associations.MapDelete("/{toObjectType}/{toObjectId}", Remove);
        return associations;
    }

    private static IResult AssociateDefault(
        HttpContext context,
        string objectType,
        string objectId,
        string toObjectType,
        string toObjectId,
        AssociationService service,
        TimeProvider clock)
    {
        var startedAt = Timestamp.Now(clock);
        if ((ResolvePair(objectType, toObjectType, out var from, out var to) ?? service.Link(from, objectId, to, toObjectId)) is { } error)
        {
            return HubSpotResults.Error(context, error);
        }

        var results = DefaultResults(from, objectId, to, toObjectId);
        return HubSpotResults.Json(
            new BatchResponse<DefaultAssociationResult>(BatchResponse<DefaultAssociationResult>.Complete, results, null, null, startedAt.Text, Timestamp.Now(clock).Text),
            EmulatorJson.Context.BatchResponseDefaultAssociationResult);
    }

    private static IResult AssociateLabelled(
        HttpContext context,
        string objectType,
        string objectId,
        string toObjectType,
        string toObjectId,
        IReadOnlyList<AssociationSpec> body,
        AssociationService service)
    {
        var primary = false;
        if ((ResolvePair(objectType, toObjectType, out var from, out var to)
            ?? AssociationService.CheckTypes(from, to, body, out primary)
            ?? service.Link(from, objectId, to, toObjectId, primary)) is { } error)
        {
            return HubSpotResults.Error(context, error);
        }

        return HubSpotResults.Json(service.Labels(from, objectId, to, toObjectId), EmulatorJson.Context.LabelsBetweenObjectPair, StatusCodes.Status201Created);
    }

    private static IResult List(
        HttpContext context,
        string objectType,
        string objectId,
        string toObjectType,
        [FromQuery] int? limit,
        [FromQuery] string? after,
        AssociationService service,
        AssociationStore store)
    {
        if (ResolvePair(objectType, toObjectType, out var from, out var to) is { } pairError)
        {
            return HubSpotResults.Error(context, pairError);
        }

        if (service.Find(from, objectId, out var source) is { } missing)
        {
            return HubSpotResults.Error(context, missing);
        }

        var pageSize = limit ?? MaxListLimit;
        if (pageSize is < 1 or > MaxListLimit)
        {
            return HubSpotResults.BadRequest(context, $"limit must be between 1 and {MaxListLimit}.");
        }

        var afterId = long.MinValue;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterId))
        {
            return HubSpotResults.BadRequest(context, $"Invalid paging cursor: after={after}.");
        }

        var targets = store.List(source, to, afterId, pageSize + 1);
        var page = targets.Take(pageSize).Select(t => AssociationService.Target(from, to, t)).ToList();
        var paging = targets.Length > pageSize ? new Paging(new PagingNext(targets[pageSize - 1].Id.ToString(CultureInfo.InvariantCulture))) : null;
        return HubSpotResults.Json(new AssociationListResponse(page, paging), EmulatorJson.Context.AssociationListResponse);
    }

    private static IResult Remove(HttpContext context, string objectType, string objectId, string toObjectType, string toObjectId, AssociationService service)
    {
        if (ResolvePair(objectType, toObjectType, out var from, out var to) is { } error)
        {
            return HubSpotResults.Error(context, error);
        }

        service.Unlink(from, objectId, to, toObjectId);
        return TypedResults.NoContent();
    }

    /// <summary>Both directions, as HubSpot reports an unlabelled association from each side.</summary>
    public static List<DefaultAssociationResult> DefaultResults(ObjectTypeInfo from, string fromId, ObjectTypeInfo to, string toId) =>
    [
        new(new ObjectId(fromId), new ObjectId(toId), new AssociationSpec(AssociationKinds.HubSpotDefined, AssociationKinds.Between(from, to)!.UnlabelledTypeId)),
        new(new ObjectId(toId), new ObjectId(fromId), new AssociationSpec(AssociationKinds.HubSpotDefined, AssociationKinds.Between(to, from)!.UnlabelledTypeId)),
    ];

    public static InputError? ResolvePair(string fromName, string toName, out ObjectTypeInfo from, out ObjectTypeInfo to)
    {
        from = to = ObjectTypes.Contacts;
        if (!ObjectTypes.TryResolve(fromName, out var resolvedFrom))
        {
            return InputError.UnknownObjectType(fromName);
        }

        if (!ObjectTypes.TryResolve(toName, out var resolvedTo))
        {
            return InputError.UnknownObjectType(toName);
        }

        (from, to) = (resolvedFrom, resolvedTo);
        return AssociationService.CheckPair(from, to);
    }
}
