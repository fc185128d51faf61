using HubSpotCrm.Api.OpenApi.Schemas;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HubSpotCrm.Api.OpenApi;

/// <summary>Adds examples, and lets the body objects that pass further members on to HubSpot say so.</summary>
public sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (SchemaExamples.For(type) is { } example)
        {
            schema.Examples = [example];
        }
        if (type.IsAssignableTo(typeof(IAcceptsHubSpotProperties)))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean,
                Description = "A HubSpot property by internal name (lowercase letters, digits, underscores).",
            };
        }
        return Task.CompletedTask;
    }
}
