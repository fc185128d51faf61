using System.ComponentModel;

namespace HubSpotCrm.Api.OpenApi.Schemas;

/// <summary>Documents the body of POST /api/v1/hubspot/companies; the endpoint reads the JSON itself.</summary>
[Description("A company, matched by its normalized domain: created, or updated when a company of this service has the domain. Any further member is set as the HubSpot company property of that name.")]
public sealed record CompanySubmission : IAcceptsHubSpotProperties
{
    [Description("A domain or a web address with one; lower-cased, without scheme, www., port, path or trailing dot (https://www.Example.com/about is example.com). Internationalized names are kept in their ASCII form.")]
    public required string Domain { get; init; }

    [Description("The company's name.")]
    public string? Name { get; init; }

    [Description("HubSpot contact ids (digits; JSON strings or numbers) to link to the company, up to 100 (the configured cap). An id HubSpot does not know fails the request before anything is written. A link that exists already stays one.")]
    public IReadOnlyList<string>? ContactIds { get; init; }

    [Description("true: the company becomes the primary company of those contacts (HubSpot moves the label from their previous one). false or left out: they are linked unlabelled and keep their primary company.")]
    public bool? PrimaryCompany { get; init; }
}
