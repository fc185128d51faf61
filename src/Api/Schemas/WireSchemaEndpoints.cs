using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Contracts.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Schemas;

public static class WireSchemaEndpoints
{
    public const string Path = "/schemas";

    /// <summary>
    /// The JSON Schema of every command and event on the bus, for publishers and subscribers in any language:
    /// <c>GET /schemas</c> lists them, <c>GET /schemas/{name}.schema.json</c> is one. Open like the docs, and protected with them.
    /// </summary>
    public static WebApplication MapWireSchemas(this WebApplication app)
    {
        var schemas = app.MapGroup(Path).WithTags("Schemas").ExcludeFromDescription();
        schemas.MapGet("", () => TypedResults.Ok(WireSchemas.Names.Select(n => new SchemaLink(n, $"{Path}/{WireSchemas.FileName(n)}"))));
        schemas.MapGet("/{file}", Schema);
        if (app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.ProtectDocs)
        {
            schemas.RequireAuthorization();
        }
        return app;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Schema(string file) =>
        file.EndsWith(".schema.json", StringComparison.Ordinal) && WireSchemas.Text(file[..^".schema.json".Length]) is { } schema
            ? TypedResults.Content(schema, "application/schema+json")
            // The name is not repeated: what a caller sent is never echoed.
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Schema not found",
                detail: $"GET {Path} lists the schemas of every command and event.");

    private sealed record SchemaLink(string Name, string Url);
}
