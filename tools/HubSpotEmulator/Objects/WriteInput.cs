using HubSpotEmulator.Objects.Contracts;

namespace HubSpotEmulator.Objects;

/// <summary>One create, update or upsert, whichever endpoint it came from.</summary>
internal sealed record WriteInput(
    string? Id,
    string? IdProperty,
    string? ObjectWriteTraceId,
    IReadOnlyDictionary<string, string?>? Properties,
    IReadOnlyList<InlineAssociation>? Associations = null)
{
    public static WriteInput From(CreateObjectRequest request) =>
        new(null, null, request.ObjectWriteTraceId, request.Properties, request.Associations);

    public static WriteInput From(UpdateObjectRequest request) =>
        new(request.Id, request.IdProperty, request.ObjectWriteTraceId, request.Properties);
}
