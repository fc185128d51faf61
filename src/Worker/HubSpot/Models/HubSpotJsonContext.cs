using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>Source-generated JSON for every HubSpot shape: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(HubSpotErrorBody))]
[JsonSerializable(typeof(BatchInputs<CreateInput>))]
[JsonSerializable(typeof(BatchInputs<UpdateInput>))]
[JsonSerializable(typeof(BatchInputs<UpsertInput>))]
[JsonSerializable(typeof(BatchInputs<AssociationBatchReadInput>))]
[JsonSerializable(typeof(BatchReadRequest))]
[JsonSerializable(typeof(AssociationBatchResponse))]
[JsonSerializable(typeof(BatchInputs<AssociationCreateInput>))]
[JsonSerializable(typeof(AssociationCreateResponse))]
[JsonSerializable(typeof(PropertyDefinition))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(HubSpotObject))]
public sealed partial class HubSpotJsonContext : JsonSerializerContext;
