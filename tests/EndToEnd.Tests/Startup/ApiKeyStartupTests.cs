using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Startup;

/// <summary>What the Api does at start with no keys, with keys disabled, and with the docs protected.</summary>
[Collection(StackCollection.Name)]
public sealed class ApiKeyStartupTests(ServiceStack stack)
{
    [Fact]
    public async Task With_no_key_configured_the_Api_refuses_to_start_and_says_what_to_set()
    {
        await using var api = ExtraApi.Create(stack, "api-no-keys", settings =>
        {
            foreach (var key in settings.Keys.Where(k => k.StartsWith("ApiKeys__", StringComparison.Ordinal)).ToList())
            {
                settings.Remove(key);
            }
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => api.StartAsync(TimeSpan.FromSeconds(60)));

        var output = string.Join('\n', api.Output);
        Assert.False(api.IsRunning);
        Assert.Contains("No API key is configured", output);
        Assert.Contains("ApiKeys__Keys__<client>", output);
        Assert.Contains("ApiKeys:Disabled=true", output);
    }

    [Fact]
    public async Task The_published_demo_key_is_refused_outside_demo_mode_and_accepted_in_it()
    {
        await using var refused = ExtraApi.Create(stack, "api-demo-key", settings => settings["ApiKeys__Keys__shop"] = "demo-api-key-0123456789");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => refused.StartAsync(TimeSpan.FromSeconds(60)));

        var output = string.Join('\n', refused.Output);
        Assert.Contains("exited with code 78", error.Message);
        Assert.Contains("ApiKeys:Keys:shop is the published demo key", output);
        Assert.DoesNotContain("   at ", output);

        await using var demo = ExtraApi.Create(stack, "api-demo-mode", settings =>
        {
            settings["ApiKeys__Keys__shop"] = "demo-api-key-0123456789";
            settings["DemoMode__Enabled"] = "true";
        });
        await demo.StartAsync();
        using var client = new ApiClient(demo.BaseUrl, "demo-api-key-0123456789");
        Assert.Equal("succeeded", (await client.SubmitAndWaitAsync(ApiCalls.Contact, TestData.Contact())).Status());
    }

    [Fact]
    public async Task With_keys_disabled_callers_need_no_key_and_the_Api_warns_at_start()
    {
        await using var api = ExtraApi.Create(stack, "api-keys-disabled", settings => settings["ApiKeys__Disabled"] = "true");
        await api.StartAsync();
        using var anonymous = new ApiClient(api.BaseUrl, apiKey: null);

        var requestId = await anonymous.SubmitAsync(ApiCalls.Contact, TestData.Contact());

        Assert.Equal("succeeded", (await anonymous.WaitForFinalAsync(requestId)).Status());
        Assert.Contains(api.Output, line => line.Contains("API keys are disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_ProtectDocs_the_document_and_the_UI_need_a_key_and_health_stays_open()
    {
        await using var api = ExtraApi.Create(stack, "api-protected-docs", settings => settings["ApiKeys__ProtectDocs"] = "true");
        await api.StartAsync();
        using var anonymous = new ApiClient(api.BaseUrl, apiKey: null);
        using var client = new ApiClient(api.BaseUrl);

        foreach (var path in new[] { "/openapi/v1.json", "/api-docs/index.html" })
        {
            using var refused = await anonymous.Http.GetAsync(path);
            await refused.ProblemAsync(HttpStatusCode.Unauthorized);
            using var allowed = await client.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var health = await anonymous.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
