using System.ComponentModel;

namespace HubSpotCrm.Api.OpenApi.Schemas;

/// <summary>Documents the JSON body of POST /api/v1/hubspot/contacts/batch; the endpoint reads the JSON itself.</summary>
[Description("Up to 1,000 contacts (the configured cap), each the body of POST /api/v1/hubspot/contact. Or send NDJSON (application/x-ndjson): one contact per line, up to 100,000 lines.")]
public sealed record ContactBatchSubmission
{
    public required IReadOnlyList<ContactSubmission> Items { get; init; }
}

/// <summary>Documents the JSON body of POST /api/v1/hubspot/companies/batch; the endpoint reads the JSON itself.</summary>
[Description("Up to 1,000 companies (the configured cap), each the body of POST /api/v1/hubspot/companies. Or send NDJSON (application/x-ndjson): one company per line, up to 100,000 lines.")]
public sealed record CompanyBatchSubmission
{
    public required IReadOnlyList<CompanySubmission> Items { get; init; }
}
