using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// Outside /api/v1, /health, /metrics and the docs there is nothing: every method on every other address answers 404
/// problem details, and nothing of what was asked for comes back in the answer.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class UnknownUrlTests(ServiceStack stack)
{
    /// <summary>Markup and a unique word: an answer holding either repeats the caller's input.</summary>
    private const string Marker = "zq7echo<script>alert(1)</script>";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

    public static TheoryData<string, string> Addresses()
    {
        var marker = Uri.EscapeDataString(Marker);
        var data = new TheoryData<string, string>();
        foreach (var method in Methods)
        {
            foreach (var path in new[]
                     {
                         $"/{marker}", $"/api/v2/{marker}", $"/api/v1/{marker}", $"/api/v1/hubspot/{marker}", $"/openapi/{marker}.json",
                         $"/openapi/{marker}", $"/api-docs/{marker}", $"/health/{marker}", $"/metrics/{marker}", $"/{marker}.php?{marker}={marker}",
                         $"/{string.Concat(Enumerable.Repeat(marker, 40))}",
                     })
            {
                data.Add(method, path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task An_unknown_address_is_404_problem_details_that_do_not_repeat_it(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent($"{{\"{Marker}\":\"{Marker}\"}}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await stack.ApiClient.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var answer = string.Join('\n', response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value)) + await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("zq7echo", answer, StringComparison.OrdinalIgnoreCase);
        if (method != "HEAD")
        {
            var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("Not Found", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_address_tells_where_the_Api_and_its_docs_are()
    {
        using var response = await stack.ApiClient.Http.GetAsync("/api/v1/hubspot/contacts");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("/api/v1", problem.GetProperty("detail").GetString());
        Assert.Contains("/api-docs", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api-docs/index.html")]
    [InlineData("/api-docs/index.js")]
    [InlineData("/api-docs/swagger-ui.css")]
    [InlineData("/api-docs/swagger-ui-bundle.js")]
    public async Task The_docs_stay_where_they_are(string path)
    {
        using var anonymous = stack.ApiClient.WithApiKey(null);

        using var response = await anonymous.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_known_address_with_the_wrong_method_is_405_problem_details_naming_the_allowed_ones()
    {
        using var response = await stack.ApiClient.Http.DeleteAsync("/api/v1/requests");

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET", Assert.Single(response.Content.Headers.Allow));
    }
}
