using System.ComponentModel;

namespace HubSpotCrm.Api.OpenApi.Schemas;

/// <summary>Documents the body of POST /api/v1/hubspot/contact; the endpoint reads the JSON itself.</summary>
[Description("A contact, matched by email. Any further member is set as the HubSpot contact property of that name.")]
public sealed record ContactSubmission : IAcceptsHubSpotProperties
{
    [Description("The contact's email; HubSpot's unique key for contacts.")]
    public required string Email { get; init; }

    public required string Firstname { get; init; }

    public required string Lastname { get; init; }

    [Description("Digits, spaces and + ( ) . - only.")]
    public required string Phone { get; init; }
}
