using System.Text.Json.Serialization;

namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>
/// The v4 association batch read answer: for each source object, the objects it links to. Objects without
/// associations and objects HubSpot does not know come back as 207 error items and simply have none here.
/// </summary>
public sealed record AssociationBatchResponse(List<AssociationBatchResult> Results);

public sealed record AssociationBatchResult(ObjectId From, List<AssociatedObject> To, Paging? Paging = null);

/// <summary><c>toObjectId</c> is a string in HubSpot's current v4 spec and an integer in its earlier one: both are read.</summary>
public sealed record AssociatedObject(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ToObjectId);

public sealed record AssociationBatchReadInput(string Id, string? After = null);

public sealed record Paging(PagingNext? Next);

public sealed record PagingNext(string After);

/// <summary>One pair to link by v4 <c>batch/create</c>, with the types to give it.</summary>
public sealed record AssociationCreateInput(ObjectId From, ObjectId To, List<AssociationSpec> Types);

/// <summary>The v4 association batch create answer: the pairs linked, and the inputs HubSpot refused one by one (207).</summary>
public sealed record AssociationCreateResponse(List<LinkedPair> Results, List<BatchError>? Errors = null);

public sealed record LinkedPair(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long FromObjectId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ToObjectId);
