using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HubSpotCrm.Api.Tests.Authentication;

/// <summary>The API key scheme in a real ASP.NET Core pipeline: what a caller sees for each kind of key.</summary>
public sealed class ApiKeyAuthenticationTests
{
    private const string BillingKey = "billing-key-0123456789";

    [Fact]
    public async Task A_valid_key_reaches_the_endpoint_as_its_client()
    {
        await using var app = await StartAsync(("ApiKeys:Keys:billing", BillingKey), ("ApiKeys:Keys:support", "support-key-0123456789"));

        using var response = await app.GetTestClient().SendAsync(Request(BillingKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("billing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_key_is_401_problem_details_saying_which_header_to_send()
    {
        await using var app = await StartAsync(("ApiKeys:Keys:billing", BillingKey));

        using var response = await app.GetTestClient().SendAsync(Request());

        var problem = await AssertUnauthorizedAsync(response);
        Assert.Equal("API key required", problem.GetProperty("title").GetString());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("wrong-key-0123456789")]
    [InlineData("billing-key-012345678")]
    [InlineData("billing-key-0123456789 ")]
    public async Task A_wrong_key_is_401_and_is_not_echoed(string key)
    {
        await using var app = await StartAsync(("ApiKeys:Keys:billing", BillingKey));

        using var response = await app.GetTestClient().SendAsync(Request(key));

        var problem = await AssertUnauthorizedAsync(response);
        Assert.Equal("API key not accepted", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(key.Trim(), problem.GetRawText());
    }

    [Fact]
    public async Task Two_key_headers_are_refused_even_when_one_is_valid()
    {
        await using var app = await StartAsync(("ApiKeys:Keys:billing", BillingKey));
        var request = Request(BillingKey);
        request.Headers.Add(ApiKeyDefaults.HeaderName, "other-key-0123456789");

        using var response = await app.GetTestClient().SendAsync(request);

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("several", "exactly one")]
    [InlineData("comma", "exactly one")]
    [InlineData("too-long", "256")]
    [InlineData("authorization", "Authorization")]
    public async Task A_key_twice_too_long_or_in_Authorization_is_401_saying_what_is_wrong_without_repeating_it(string @case, string hint)
    {
        await using var app = await StartAsync(("ApiKeys:Keys:billing", BillingKey));
        var request = @case switch
        {
            "several" => Request(BillingKey, BillingKey),
            "comma" => Request($"{BillingKey},{BillingKey}"),
            "too-long" => Request(BillingKey + new string('k', ApiKeyOptions.MaximumKeyLength)),
            _ => Request(),
        };
        if (@case == "authorization")
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {BillingKey}");
        }

        using var response = await app.GetTestClient().SendAsync(request);

        var problem = await AssertUnauthorizedAsync(response);
        Assert.Contains(hint, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(BillingKey, problem.GetRawText());
    }

    [Fact]
    public async Task With_keys_disabled_every_caller_is_the_anonymous_client()
    {
        await using var app = await StartAsync(("ApiKeys:Disabled", "true"));

        using var response = await app.GetTestClient().SendAsync(Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiKeyDefaults.AnonymousClient, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Endpoints_without_RequireAuthorization_stay_open()
    {
        await using var app = await StartAsync(("ApiKeys:Keys:billing", BillingKey));

        using var response = await app.GetTestClient().GetAsync("/open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Request(params string[] keys)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/protected");
        foreach (var key in keys)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyDefaults.HeaderName, key);
        }
        return request;
    }

    private static async Task<JsonElement> AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static async Task<WebApplication> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        builder.Services.AddProblemDetails();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ApiMetrics>();
        builder.AddApiKeyAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/protected", (HttpContext context) => context.User.ClientName()).RequireAuthorization();
        app.MapGet("/open", () => "open");
        await app.StartAsync();
        return app;
    }
}
