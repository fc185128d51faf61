using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.Idempotency;

/// <summary>
/// The custom unique-value properties that make replays harmless: HubSpot itself refuses a second deal, ticket or
/// company with the same key. The Worker creates them at start when they are missing.
/// </summary>
public sealed class IdempotencyKeyOptions
{
    public const string SectionName = "HubSpot:IdempotencyKeys";

    /// <summary>Deal property holding "contact id + deal name" (hashed): one deal per name per contact.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9_]{0,99}$")]
    public string DealProperty { get; set; } = "crm_service_deal_key";

    /// <summary>Ticket property holding "request id + position": one ticket per ticket of a command.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9_]{0,99}$")]
    public string TicketProperty { get; set; } = "crm_service_ticket_key";

    /// <summary>Company property holding the normalized domain: companies are upserted by it, as HubSpot's domain is not unique.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9_]{0,99}$")]
    public string CompanyProperty { get; set; } = "crm_service_company_key";
}
