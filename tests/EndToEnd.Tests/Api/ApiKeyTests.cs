using System.Net.Http.Json;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>Every /api/v1 route needs X-Api-Key; health, metrics and the docs do not.</summary>
[Collection(StackCollection.Name)]
public sealed class ApiKeyTests(ServiceStack stack)
{
    private const string WrongKey = "wrong-key-0123456789abcdef";

    public static TheoryData<string, string, string?> Refusals()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var key in new[] { null, WrongKey, "" })
        {
            data.Add("POST", ApiCalls.Contact, key);
            data.Add("POST", ApiCalls.Deals, key);
            data.Add("POST", ApiCalls.Tickets, key);
            data.Add("GET", $"/api/v1/requests/{Guid.NewGuid()}", key);
            data.Add("GET", "/api/v1/requests", key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Without_a_valid_key_every_api_route_is_401_and_nothing_is_stored_or_published(string method, string path, string? key)
    {
        using var caller = stack.ApiClient.WithApiKey(key);
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        using var response = method == "POST"
            ? await caller.Http.PostAsJsonAsync(path, TestData.Contact())
            : await caller.Http.GetAsync(path);

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(WrongKey, problem.GetRawText());
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
    }

    [Fact]
    public async Task A_wrong_key_is_told_apart_from_a_missing_one()
    {
        using var anonymous = stack.ApiClient.WithApiKey(null);
        using var impostor = stack.ApiClient.WithApiKey(WrongKey);

        using var missing = await anonymous.Http.GetAsync("/api/v1/requests");
        using var wrong = await impostor.Http.GetAsync("/api/v1/requests");

        Assert.Equal("API key required", (await missing.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        Assert.Equal("API key not accepted", (await wrong.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_configured_client_is_accepted_with_its_own_key()
    {
        using var other = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);

        var status = await other.SubmitAndWaitAsync(ApiCalls.Contact, TestData.Contact());

        Assert.Equal("succeeded", status.Status());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api-docs/index.html")]
    public async Task Health_metrics_and_docs_need_no_key(string path)
    {
        using var anonymous = stack.ApiClient.WithApiKey(null);

        using var response = await anonymous.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
