using HubSpotCrm.Api.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HubSpotCrm.Api.OpenApi;

/// <summary>Names the service and declares the X-Api-Key scheme that every /api/v1 operation requires.</summary>
public sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "HubSpot CRM Service",
            Version = "v1",
            Description = "Writes contacts, deals and tickets into HubSpot through a queue, and tells what became of each request. " +
                          "Submissions answer 202 with a status URL; `Prefer: wait=N` waits for the final state; " +
                          "`Idempotency-Key` makes retries safe. Errors are RFC 9457 problem details; 503 with Retry-After " +
                          "means the broker or the database is away and the request was not accepted: retry it with the same Idempotency-Key. " +
                          "429 with Retry-After means the calling system is over its rate limit (a burst, then a steady rate per API key); " +
                          "nothing of the request was kept.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyDefaults.HeaderName,
            Description = "The key issued to the calling system (configuration ApiKeys:Keys:<client>).",
        };
        return Task.CompletedTask;
    }
}
