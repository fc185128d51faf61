using HubSpotEmulator.Http;

namespace HubSpotEmulator.Objects.Contracts;

internal sealed record BatchRequest<T>(IReadOnlyList<T>? Inputs);

/// <summary>Body of batch/read: <c>idProperty</c> reads by a unique property instead of the record id.</summary>
internal sealed record BatchReadRequest(
    IReadOnlyList<ObjectId>? Inputs,
    IReadOnlyList<string>? Properties,
    IReadOnlyList<string>? PropertiesWithHistory,
    string? IdProperty);
