using System.ComponentModel;

namespace HubSpotCrm.Api.OpenApi.Schemas;

[Description("One deal. Any further member is set as the HubSpot deal property of that name.")]
public sealed record DealItem : IAcceptsHubSpotProperties
{
    [Description("Matches the deal among the contact's deals.")]
    public required string Dealname { get; init; }

    [Description("At least 1; a JSON number or a numeric string.")]
    public required decimal Amount { get; init; }

    [Description("A HubSpot deal stage id, e.g. appointmentscheduled.")]
    public required string Dealstage { get; init; }

    [Description("A HubSpot pipeline id; HubSpot's default pipeline when omitted.")]
    public string? Pipeline { get; init; }
}
