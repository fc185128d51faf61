namespace HubSpotCrm.Worker.HubSpot.Models;

public sealed record CreateInput(
    Dictionary<string, string> Properties,
    List<AssociationInput>? Associations = null,
    string? ObjectWriteTraceId = null);

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

public sealed record BatchReadRequest(List<ObjectId> Inputs, List<string> Properties, string? IdProperty = null);
