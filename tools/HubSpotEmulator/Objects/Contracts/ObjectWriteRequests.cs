using System.Text.Json.Serialization;
using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;

namespace HubSpotEmulator.Objects.Contracts;

/// <summary>Body of <c>POST /crm/v3/objects/{type}</c>; also one input of batch/create.</summary>
internal sealed record CreateObjectRequest(
    [property: JsonConverter(typeof(PropertyMapConverter))] Dictionary<string, string?>? Properties,
    IReadOnlyList<InlineAssociation>? Associations,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ObjectWriteTraceId = null);

/// <summary>Body of <c>PATCH /crm/v3/objects/{type}/{id}</c>; also one input of batch/update and batch/upsert.</summary>
internal sealed record UpdateObjectRequest(
    [property: JsonConverter(typeof(PropertyMapConverter))] Dictionary<string, string?>? Properties,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Id = null,
    string? IdProperty = null,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ObjectWriteTraceId = null);

/// <summary><c>{"to":{"id":"…"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}</c>.</summary>
internal sealed record InlineAssociation(ObjectId? To, IReadOnlyList<AssociationSpec>? Types);
