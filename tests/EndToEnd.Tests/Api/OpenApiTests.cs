namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>The OpenAPI document and the docs UI at /api-docs, served by the Api itself.</summary>
[Collection(StackCollection.Name)]
public sealed class OpenApiTests(ServiceStack stack)
{
    [Fact]
    public async Task The_document_describes_every_route_with_bodies_examples_and_the_API_key()
    {
        var document = JsonDocument.Parse(await stack.ApiClient.Http.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        var operations = new[]
        {
            ("/api/v1/hubspot/contact", "post"), ("/api/v1/hubspot/deals", "post"), ("/api/v1/hubspot/tickets", "post"), ("/api/v1/hubspot/companies", "post"),
            ("/api/v1/requests/{id}", "get"), ("/api/v1/requests", "get"),
        };
        foreach (var (path, method) in operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0, $"{method} {path} needs the key");
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{method} {path} documents 401");
            Assert.True(responses.TryGetProperty("200", out _), $"{method} {path} documents 200");
        }
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Single().Value;
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (path, schema, required) in new[]
                 {
                     ("/api/v1/hubspot/contact", "ContactSubmission", "email"),
                     ("/api/v1/hubspot/deals", "DealsSubmission", "deals"),
                     ("/api/v1/hubspot/tickets", "TicketsSubmission", "tickets"),
                     ("/api/v1/hubspot/companies", "CompanySubmission", "domain"),
                 })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.Contains(schema, post.GetProperty("requestBody").GetRawText());
            Assert.True(post.GetProperty("responses").TryGetProperty("202", out _), $"POST {path} documents 202");
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Prefer");
            Assert.Contains(required, schemas.GetProperty(schema).GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.True(schemas.GetProperty(schema).GetProperty("examples").GetArrayLength() > 0, $"{schema} has an example");
        }
        Assert.Contains("hs_ticket_priority", schemas.GetProperty("TicketItem").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_docs_UI_is_served_locally_and_points_at_the_document()
    {
        var page = await stack.ApiClient.Http.GetStringAsync("/api-docs/index.html");
        using var script = await stack.ApiClient.Http.GetAsync("/api-docs/swagger-ui-bundle.js");
        var settings = await stack.ApiClient.Http.GetStringAsync("/api-docs/index.js");

        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("https://", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/openapi/v1.json", settings);
    }

    [Fact]
    public async Task Every_api_operation_documents_its_429_with_Retry_After()
    {
        var document = JsonDocument.Parse(await stack.ApiClient.Http.GetStringAsync("/openapi/v1.json")).RootElement;

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name} {p.Name}", Operation: o.Value)))
            .ToList();

        Assert.NotEmpty(operations);
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out var tooMany), $"{name} documents 429");
            Assert.True(tooMany.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name}: 429 is problem details");
            Assert.True(tooMany.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Retry-After", out _), $"{name}: 429 has Retry-After");
        }
    }
}
