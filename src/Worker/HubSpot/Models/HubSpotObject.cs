namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>
/// A CRM object as HubSpot returns it. <see cref="New"/> is set only by batch upsert; <see cref="ObjectWriteTraceId"/>
/// echoes the input's trace id on batch writes.
/// </summary>
public sealed record HubSpotObject(
    string Id,
    Dictionary<string, string?> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived,
    bool? New = null,
    string? ObjectWriteTraceId = null)
{
    public string? Property(string name) => Properties.GetValueOrDefault(name);
}
