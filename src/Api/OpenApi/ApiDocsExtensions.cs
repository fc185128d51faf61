using HubSpotCrm.Api.Authentication;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.OpenApi;

public static class ApiDocsExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "api-docs";

    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddOperationTransformer<SecurityRequirementTransformer>();
            options.AddOperationTransformer<RetryAfterTransformer>();
            options.AddSchemaTransformer<SchemaTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// The OpenAPI document and Swagger UI (its assets ship inside the package: nothing is fetched from the internet).
    /// With ApiKeys:ProtectDocs both need the key; a browser cannot send it, so the UI is then for tools that can.
    /// </summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        // The one document by its own address: a pattern with {documentName} answers other names with a text that repeats them.
        var document = app.MapOpenApi(DocumentPath);
        var ui = app.MapSwaggerUI(UiPath, options =>
        {
            options.DocumentTitle = "HubSpot CRM Service API";
            options.SwaggerEndpoint(DocumentPath, "HubSpot CRM Service v1");
            options.EnableDeepLinking();
        });
        if (app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.ProtectDocs)
        {
            document.RequireAuthorization();
            ui.RequireAuthorization();
        }
        return app;
    }
}
