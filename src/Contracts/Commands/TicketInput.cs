using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <summary>One ticket, in HubSpot's values.</summary>
/// <param name="Content">The description (HubSpot property <c>content</c>).</param>
/// <param name="Category">A <c>hs_ticket_category</c> option, e.g. GENERAL_INQUIRY.</param>
/// <param name="Pipeline">A <c>hs_pipeline</c> id, e.g. "0".</param>
/// <param name="PipelineStage">A <c>hs_pipeline_stage</c> id, e.g. "1".</param>
/// <param name="Priority">A <c>hs_ticket_priority</c> option: LOW, MEDIUM or HIGH.</param>
/// <param name="Properties">Further HubSpot ticket properties by internal name.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TicketInput(
    [property: JsonRequired] string Subject,
    [property: JsonRequired] string Content,
    [property: JsonRequired] string Category,
    [property: JsonRequired] string Pipeline,
    [property: JsonRequired] string PipelineStage,
    [property: JsonRequired] string Priority,
    IReadOnlyDictionary<string, string>? Properties = null);
