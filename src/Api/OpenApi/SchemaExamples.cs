using System.Text.Json.Nodes;
using HubSpotCrm.Api.OpenApi.Schemas;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Submissions;

namespace HubSpotCrm.Api.OpenApi;

/// <summary>An example for each body the docs show, as a caller would send or receive it.</summary>
public static class SchemaExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(ContactSubmission)] = """
            { "email": "grace@example.com", "firstname": "Grace", "lastname": "Hopper", "phone": "+1 202 555 0101", "company": "Navy" }
            """,
        [typeof(DealsSubmission)] = """
            { "contactId": "151", "deals": [ { "dealname": "Renewal 2027", "amount": 2500.5, "dealstage": "qualifiedtobuy", "closedate": "2027-01-31" } ] }
            """,
        [typeof(TicketsSubmission)] = """
            { "contactId": "151", "dealIds": ["7001"], "tickets": [ { "subject": "Printer on fire", "description": "Smoke since Monday.",
              "category": "technical_issue", "pipeline": "0", "hs_ticket_priority": "HIGH", "hs_pipeline_stage": "1" } ] }
            """,
        [typeof(CompanySubmission)] = """
            { "domain": "https://www.Example.com/about", "name": "Example Inc.", "industry": "COMPUTER_SOFTWARE", "contactIds": ["151"], "primaryCompany": true }
            """,
        [typeof(SubmissionAccepted)] = """
            { "requestId": "0193a4f2-5b1e-7c3d-9e4f-123456789abc", "status": "accepted",
              "statusUrl": "/api/v1/requests/0193a4f2-5b1e-7c3d-9e4f-123456789abc" }
            """,
        [typeof(RequestStatusResponse)] = """
            { "requestId": "0193a4f2-5b1e-7c3d-9e4f-123456789abc", "kind": "contact", "status": "succeeded", "source": "api",
              "createdAt": "2026-11-27T10:00:00.123+00:00", "updatedAt": "2026-11-27T10:00:00.912+00:00",
              "completedAt": "2026-11-27T10:00:00.912+00:00",
              "result": { "contactId": "151", "email": "grace@example.com", "created": true }, "error": null }
            """,
        [typeof(RequestPage)] = """
            { "items": [ { "requestId": "0193a4f2-5b1e-7c3d-9e4f-123456789abc", "kind": "deals", "status": "failed", "source": "api",
              "createdAt": "2026-11-27T10:00:00.123+00:00", "updatedAt": "2026-11-27T10:00:01.4+00:00", "completedAt": "2026-11-27T10:00:01.4+00:00",
              "result": null, "error": { "code": "contact_not_found", "message": "Contact 999 does not exist.", "hubSpot": null, "items": null } } ],
              "next": "AAjdLf3o0QABk6T0Wx58PZ5PEjRWeJq8" }
            """,
    };

    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;
}
