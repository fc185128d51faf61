using System.ComponentModel;
using System.Text.Json.Serialization;

namespace HubSpotCrm.Api.OpenApi.Schemas;

[Description("One ticket. Any further member is set as the HubSpot ticket property of that name, except content, hs_pipeline and hs_ticket_category, which are set from description, pipeline and category.")]
public sealed record TicketItem : IAcceptsHubSpotProperties
{
    public required string Subject { get; init; }

    [Description("Becomes the HubSpot property content; line breaks allowed.")]
    public required string Description { get; init; }

    [Description("One of the configured categories (by default general_inquiry, technical_issue, billing, service_request, meeting); becomes hs_ticket_category.")]
    public required string Category { get; init; }

    [Description("A HubSpot ticket pipeline id, e.g. \"0\"; becomes hs_pipeline.")]
    public required string Pipeline { get; init; }

    [JsonPropertyName("hs_ticket_priority"), Description("LOW, MEDIUM or HIGH.")]
    public required string Priority { get; init; }

    [JsonPropertyName("hs_pipeline_stage"), Description("A stage id of the pipeline, e.g. \"1\".")]
    public required string PipelineStage { get; init; }
}
