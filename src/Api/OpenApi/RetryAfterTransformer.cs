using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HubSpotCrm.Api.OpenApi;

/// <summary>Documents the Retry-After header every 429 (rate limit) and 503 (a dependency away) answer carries.</summary>
public sealed class RetryAfterTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] Statuses = ["429", "503"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var status in Statuses)
        {
            if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse response)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before sending the request again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                };
            }
        }
        return Task.CompletedTask;
    }
}
