using System.Net;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.HubSpot;

/// <summary>The 401 refresh as one step of the call's one pipeline: it pays for its attempt and meets the same retries.</summary>
public sealed class TokenRefreshPipelineTests
{
    private static readonly Uri FakeHubSpot = new("http://hubspot.test/");

    private static HttpResponseMessage Expired() =>
        ScriptedHubSpot.Json(HttpStatusCode.Unauthorized, """{"status":"error","message":"expired","category":"EXPIRED_AUTHENTICATION"}""");

    private static HttpResponseMessage NoSearchResults() => ScriptedHubSpot.Json(HttpStatusCode.OK, """{"total":0,"results":[]}""");

    private static (HubSpotClient Client, ServiceProvider Services) Client(ScriptedHubSpot hubSpot, params (string Key, string Value)[] settings)
    {
        var services = WorkerServices.Build(FakeHubSpot, new Dictionary<string, string?>(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["HubSpot:Retry:BaseDelay"] = "00:00:00.010",
            ["HubSpot:Retry:MaxDelay"] = "00:00:00.050",
        }, () => hubSpot);
        return (services.GetRequiredService<HubSpotClient>(), services);
    }

    [Fact]
    public async Task The_attempt_after_a_token_refresh_takes_its_own_permit_from_the_rate_budget()
    {
        var hubSpot = new ScriptedHubSpot(Expired, NoSearchResults);
        var (client, services) = Client(hubSpot, ("HubSpot:RateLimits:SearchPerSecond", "1"));
        await using var _ = services;

        await client.SearchAsync(HubSpotObjectTypes.Contacts, new SearchRequest([], [], [], 10), CancellationToken.None);

        var calls = hubSpot.Calls.ToArray();
        Assert.Equal(["token-1", "token-2"], calls.Select(c => c.Authorization));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900),
            $"the second search went {calls[1].At - calls[0].At} after the first, inside the one-per-second budget");
    }

    [Fact]
    public async Task A_server_error_after_the_refresh_is_retried_with_the_new_token_without_refreshing_again()
    {
        var hubSpot = new ScriptedHubSpot(Expired, () => ScriptedHubSpot.Json(HttpStatusCode.ServiceUnavailable, "{}"), ScriptedHubSpot.Ok);
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await client.BatchReadAsync(HubSpotObjectTypes.Contacts, ["1"], ["email"], CancellationToken.None);

        Assert.Equal(["token-1", "token-2", "token-2"], hubSpot.Calls.Select(c => c.Authorization));
        Assert.Equal(2, hubSpot.TokenCalls);
    }

    [Fact]
    public async Task A_private_app_token_HubSpot_refuses_is_handed_back_after_one_call()
    {
        var hubSpot = new ScriptedHubSpot(Expired);
        var (client, services) = Client(hubSpot, ("HubSpot:AuthMode", "PrivateApp"), ("HubSpot:PrivateAppToken", "pat-na1-test"));
        await using var _ = services;

        var unavailable = await Assert.ThrowsAsync<HubSpotUnavailableException>(
            () => client.BatchReadAsync(HubSpotObjectTypes.Contacts, ["1"], ["email"], CancellationToken.None));

        Assert.Equal(HubSpotUnavailableReason.Authentication, unavailable.Reason);
        Assert.Equal(["pat-na1-test"], hubSpot.Calls.Select(c => c.Authorization));
        Assert.Equal(0, hubSpot.TokenCalls);
    }
}
