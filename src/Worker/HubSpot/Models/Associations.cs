using System.Text.Json.Serialization;

namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>The v4 association batch read answer: for each source object, the objects it links to.</summary>
public sealed record AssociationBatchResponse(
    string? Status,
    List<AssociationBatchResult> Results,
    int? NumErrors = null,
    List<BatchError>? Errors = null);

public sealed record AssociationBatchResult(ObjectId From, List<AssociatedObject> To, Paging? Paging = null);

public sealed record AssociatedObject(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ToObjectId,
    List<AssociationTypeInfo>? AssociationTypes = null);

public sealed record AssociationTypeInfo(string? Category, int TypeId, string? Label = null);

public sealed record AssociationBatchReadInput(string Id, string? After = null);

public sealed record Paging(PagingNext? Next);

public sealed record PagingNext(string After, string? Link = null);
