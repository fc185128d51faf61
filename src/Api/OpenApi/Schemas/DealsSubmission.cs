using System.ComponentModel;

namespace HubSpotCrm.Api.OpenApi.Schemas;

/// <summary>Documents the body of POST /api/v1/hubspot/deals; the endpoint reads the JSON itself.</summary>
[Description("Deals of one contact. A deal whose name the contact already has is updated, otherwise created.")]
public sealed record DealsSubmission
{
    [Description("The HubSpot id of the contact (digits; a JSON string or number).")]
    public required string ContactId { get; init; }

    [Description("1 to 100 deals (the configured cap); names must differ, ignoring case.")]
    public required IReadOnlyList<DealItem> Deals { get; init; }
}
