using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// The ticket categories callers may send, and the HubSpot <c>hs_ticket_category</c> option each one becomes.
/// HubSpot's default options are PRODUCT_ISSUE, BILLING_ISSUE, FEATURE_REQUEST and GENERAL_INQUIRY; portals
/// with their own options remap them here.
/// </summary>
public sealed class TicketCategoryOptions
{
    public const string SectionName = "Submissions:TicketCategories";

    [Required, MinLength(1)]
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.Ordinal)
    {
        ["general_inquiry"] = "GENERAL_INQUIRY",
        ["technical_issue"] = "PRODUCT_ISSUE",
        ["billing"] = "BILLING_ISSUE",
        ["service_request"] = "FEATURE_REQUEST",
        ["meeting"] = "GENERAL_INQUIRY",
    };
}
