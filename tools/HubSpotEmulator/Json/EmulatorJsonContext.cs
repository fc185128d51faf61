using System.Text.Json;
using System.Text.Json.Serialization;
using HubSpotEmulator.Associations.Contracts;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Control;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.OAuth;
using HubSpotEmulator.Objects.Contracts;
using HubSpotEmulator.Properties;
using HubSpotEmulator.RateLimits;
using HubSpotEmulator.Search;

namespace HubSpotEmulator.Json;

/// <summary>Compile-time serialization metadata for every request and response: no reflection per request.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(RateLimitErrorBody))]
[JsonSerializable(typeof(OAuthErrorBody))]
[JsonSerializable(typeof(ObjectResponse))]
[JsonSerializable(typeof(ObjectListResponse))]
[JsonSerializable(typeof(BatchResponse<ObjectResponse>))]
[JsonSerializable(typeof(CreateObjectRequest))]
[JsonSerializable(typeof(UpdateObjectRequest))]
[JsonSerializable(typeof(BatchRequest<CreateObjectRequest>))]
[JsonSerializable(typeof(BatchRequest<UpdateObjectRequest>))]
[JsonSerializable(typeof(BatchRequest<ObjectId>))]
[JsonSerializable(typeof(BatchReadRequest))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(PropertyDefinition))]
[JsonSerializable(typeof(PropertyListResponse))]
[JsonSerializable(typeof(CreatePropertyRequest))]
[JsonSerializable(typeof(IReadOnlyList<AssociationSpec>))]
[JsonSerializable(typeof(BatchResponse<DefaultAssociationResult>))]
[JsonSerializable(typeof(LabelsBetweenObjectPair))]
[JsonSerializable(typeof(AssociationListResponse))]
[JsonSerializable(typeof(BatchRequest<AssociationPairInput>))]
[JsonSerializable(typeof(BatchResponse<LabelsBetweenObjectPair>))]
[JsonSerializable(typeof(BatchResponse<AssociationBatchReadResult>))]
[JsonSerializable(typeof(BatchRequest<AssociationArchiveInput>))]
[JsonSerializable(typeof(BatchRequest<V3AssociationInput>))]
[JsonSerializable(typeof(BatchResponse<V3AssociationResult>))]
[JsonSerializable(typeof(BatchResponse<V3BatchReadResult>))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AccessTokenInfo))]
[JsonSerializable(typeof(RuntimeSettings))]
[JsonSerializable(typeof(RuntimeSettingsPatch))]
[JsonSerializable(typeof(RateLimitBurstRequest))]
[JsonSerializable(typeof(RevokeTokensRequest))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(ResultsEnvelope<ObjectDump>))]
[JsonSerializable(typeof(ResultsEnvelope<AssociationDump>))]
[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
