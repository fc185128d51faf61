using System.Net.Http.Json;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>The Api serves the JSON Schema of every command and event, for publishers in any language.</summary>
[Collection(StackCollection.Name)]
public sealed class WireSchemaEndpointTests(ServiceStack stack)
{
    [Fact]
    public async Task The_schemas_are_listed_and_each_is_served_as_the_file_in_the_repository()
    {
        using var anonymous = new ApiClient(stack.Api.BaseUrl, apiKey: null);

        var listed = await anonymous.Http.GetFromJsonAsync<JsonElement>("/schemas");

        var names = listed.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains("upsert-contact", names);
        Assert.Contains("command-failed", names);
        foreach (var link in listed.EnumerateArray())
        {
            using var response = await anonymous.Http.GetAsync(link.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
            var file = Path.Combine(Repository.Root, "src", "Contracts", "Schemas", $"{link.GetProperty("name").GetString()}.schema.json");
            Assert.Equal(await File.ReadAllTextAsync(file), await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("/schemas/unknown-thing.schema.json")]
    [InlineData("/schemas/upsert-contact.json")]
    [InlineData("/schemas/..%2Fappsettings.json")]
    public async Task An_unknown_schema_is_404_problem_details_that_do_not_repeat_the_name(string path)
    {
        using var anonymous = new ApiClient(stack.Api.BaseUrl, apiKey: null);

        using var response = await anonymous.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("unknown-thing", body);
        Assert.DoesNotContain("appsettings", body);
    }
}
