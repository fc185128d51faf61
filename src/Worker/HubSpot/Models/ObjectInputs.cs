namespace HubSpotCrm.Worker.HubSpot.Models;

public sealed record CreateInput(
    Dictionary<string, string> Properties,
    List<AssociationInput>? Associations = null,
    string? ObjectWriteTraceId = null)
{
    /// <summary>HubSpot's spec requires <c>associations</c> on every create input, so none is sent as an empty list.</summary>
    public List<AssociationInput> Associations { get; init; } = Associations ?? [];
}

public sealed record UpdateInput(string Id, Dictionary<string, string> Properties, string? ObjectWriteTraceId = null);

public sealed record UpsertInput(string Id, string IdProperty, Dictionary<string, string> Properties, string? ObjectWriteTraceId = null);

public sealed record AssociationInput(ObjectId To, List<AssociationSpec> Types)
{
    public static AssociationInput Default(string toId, int typeId) =>
        new(new ObjectId(toId), [new AssociationSpec("HUBSPOT_DEFINED", typeId)]);
}

public sealed record AssociationSpec(string AssociationCategory, int AssociationTypeId);

public sealed record ObjectId(string Id);

public sealed record BatchInputs<T>(List<T> Inputs);

public sealed record BatchReadRequest(List<ObjectId> Inputs, List<string> Properties, string? IdProperty = null)
{
    /// <summary>Required by HubSpot's spec; the Worker reads no property history.</summary>
    public List<string> PropertiesWithHistory { get; } = [];
}
