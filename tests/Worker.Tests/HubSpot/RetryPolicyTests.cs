using System.Net;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.HubSpot;

/// <summary>How the HubSpot pipeline reacts to each kind of failure: which it retries, how long it waits, which it hands back.</summary>
public sealed class RetryPolicyTests
{
    private static readonly Uri FakeHubSpot = new("http://hubspot.test/");

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["HubSpot:Retry:BaseDelay"] = "00:00:00.010",
        ["HubSpot:Retry:MaxDelay"] = "00:00:00.050",
        ["HubSpot:Retry:LockedDelay"] = "00:00:00.300",
        ["HubSpot:Retry:SecondlyDelay"] = "00:00:00.400",
        ["HubSpot:Retry:MaxRetryAttempts"] = "3",
    };

    private static (HubSpotClient Client, ServiceProvider Services) Client(ScriptedHubSpot hubSpot)
    {
        var services = WorkerServices.Build(FakeHubSpot, FastRetries, () => hubSpot);
        return (services.GetRequiredService<HubSpotClient>(), services);
    }

    private static Task<BatchResult> ReadAsync(HubSpotClient client) =>
        client.BatchReadAsync(HubSpotObjectTypes.Contacts, ["1"], ["email"], CancellationToken.None);

    [Fact]
    public async Task A_ten_secondly_429_waits_out_the_window_HubSpot_reports_then_retries()
    {
        var hubSpot = new ScriptedHubSpot(
            () => ScriptedHubSpot.TooManyRequests("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.",
                ("X-HubSpot-RateLimit-Interval-Milliseconds", "600")),
            ScriptedHubSpot.Ok);
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await ReadAsync(client);

        var calls = hubSpot.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(590), $"waited only {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task A_search_secondly_429_waits_about_a_second_then_retries()
    {
        var hubSpot = new ScriptedHubSpot(
            () => ScriptedHubSpot.TooManyRequests("SECONDLY", "You have reached your secondly limit."),
            () => ScriptedHubSpot.Json(HttpStatusCode.OK, """{"total":0,"results":[]}"""));
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await client.SearchAsync(HubSpotObjectTypes.Contacts, new SearchRequest([], [], [], 10), CancellationToken.None);

        var calls = hubSpot.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.InRange(calls[1].At - calls[0].At, TimeSpan.FromMilliseconds(390), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_daily_429_is_not_retried_and_tells_the_daily_limit_apart()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.TooManyRequests("DAILY", "You have reached your daily limit."));
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        var unavailable = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => ReadAsync(client));

        Assert.Equal(HubSpotUnavailableReason.DailyLimit, unavailable.Reason);
        Assert.Single(hubSpot.Calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_HubSpot_answers()
    {
        var hubSpot = new ScriptedHubSpot(
            () => ScriptedHubSpot.Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => ScriptedHubSpot.Json(HttpStatusCode.BadGateway, "{}"),
            ScriptedHubSpot.Ok);
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await ReadAsync(client);

        Assert.Equal(3, hubSpot.Calls.Count);
    }

    [Fact]
    public async Task A_423_lock_waits_the_lock_time_before_retrying()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.Locked, "{}"), ScriptedHubSpot.Ok);
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await ReadAsync(client);

        var calls = hubSpot.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_become_a_transient_failure()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.InternalServerError, "{}"));
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await Assert.ThrowsAsync<HubSpotTransientException>(() => ReadAsync(client));

        Assert.Equal(4, hubSpot.Calls.Count);
    }

    [Fact]
    public async Task A_validation_error_is_not_retried_and_keeps_HubSpots_category_and_correlation_id()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.BadRequest,
            """{"status":"error","message":"Property values were not valid","correlationId":"8a3f6c3a-8296-4002-b0a6-2a06fecf7c0c","category":"VALIDATION_ERROR"}"""));
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        var refused = await Assert.ThrowsAsync<HubSpotApiException>(() => ReadAsync(client));

        Assert.Equal(400, refused.Status);
        Assert.Equal("VALIDATION_ERROR", refused.Category);
        Assert.Equal("8a3f6c3a-8296-4002-b0a6-2a06fecf7c0c", refused.CorrelationId);
        Assert.Single(hubSpot.Calls);
    }

    [Fact]
    public async Task A_401_gets_one_token_refresh_and_one_retry_with_the_new_token()
    {
        var hubSpot = new ScriptedHubSpot(
            () => ScriptedHubSpot.Json(HttpStatusCode.Unauthorized, """{"status":"error","message":"expired","category":"EXPIRED_AUTHENTICATION"}"""),
            ScriptedHubSpot.Ok);
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        await ReadAsync(client);

        var calls = hubSpot.Calls.ToArray();
        Assert.Equal(2, hubSpot.TokenCalls);
        Assert.Equal(["token-1", "token-2"], calls.Select(c => c.Authorization));
    }

    [Fact]
    public async Task A_second_401_is_handed_back_as_refused_credentials_without_looping()
    {
        var hubSpot = new ScriptedHubSpot(() => ScriptedHubSpot.Json(HttpStatusCode.Unauthorized, """{"status":"error","message":"no","category":"INVALID_AUTHENTICATION"}"""));
        var (client, services) = Client(hubSpot);
        await using var _ = services;

        var unavailable = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => ReadAsync(client));

        Assert.Equal(HubSpotUnavailableReason.Authentication, unavailable.Reason);
        Assert.Equal(2, hubSpot.Calls.Count);
        Assert.Equal(2, hubSpot.TokenCalls);
    }
}
