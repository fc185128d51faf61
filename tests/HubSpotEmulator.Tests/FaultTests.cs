using System.Diagnostics;
using System.Net;
using HubSpotCrm.TestSupport;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class FaultTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    [Fact]
    public async Task ErrorRateOneAnswersTheChosen5xx()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"errorRate":1.0,"errorStatuses":[503]}}""");

        using var response = await Api.GetAsync("/crm/v3/objects/contacts");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["status", "message", "correlationId", "category"], body.Names());
        Assert.Equal("error", body.Str("status"));
        Assert.Equal(response.Headers.GetValues("X-HubSpot-Correlation-Id").Single(), body.Str("correlationId"));
    }

    [Fact]
    public async Task ErrorStatusesAreDrawnFromTheList()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"errorRate":1.0,"errorStatuses":[500,502]}}""");
        var seen = new HashSet<HttpStatusCode>();

        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await Api.GetAsync("/crm/v3/objects/contacts");
                seen.Add(response.StatusCode);
                return seen.Count == 2;
            },
            "both 500 and 502",
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(25));

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway], seen.Order());
    }

    [Fact]
    public async Task ARuleAnswersItsPathsWithA5xxAndLeavesTheOthersWorking()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"rules":[{"path":"crm/v3/objects/deals/batch/*","status":503}]}}""");

        var body = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/create", """{"inputs":[]}""").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("INTERNAL_ERROR", body.Str("category"));
        await Api.PostJsonAsync("/crm/v3/objects/deals/batch/read", """{"inputs":[],"properties":[]}""").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        using var deals = await Api.GetAsync("/crm/v3/objects/deals");
        Assert.Equal(HttpStatusCode.OK, deals.StatusCode);
        using var contacts = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """{"inputs":[]}""");
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, contacts.StatusCode);
    }

    [Fact]
    public async Task A403RuleAnswersInHubSpotsMissingScopesShape()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"rules":[{"path":"crm/v3/objects/deals/*","status":403}]}}""");

        var body = await Api.PostJsonAsync("/crm/v3/objects/deals/batch/update", """{"inputs":[]}""").ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal("MISSING_SCOPES", body.Str("category"));
        Assert.Contains("required scopes", body.Str("message"), StringComparison.Ordinal);
        Assert.Contains("crm.objects.deals.write", body.GetProperty("errors")[0].GetProperty("context").GetProperty("requiredScopes")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"faults":{"rules":[{"path":"crm/*","status":404}]}}""")]
    [InlineData("""{"faults":{"rules":[{"path":"","status":503}]}}""")]
    [InlineData("""{"faults":{"rules":[{"path":"crm/*","stauts":503}]}}""")]
    public async Task ABadRuleIsRefused(string patch)
    {
        using var response = await Anonymous.PutAsync("/_emulator/settings", new StringContent(patch, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LockRateOneAnswers423()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"lockRate":1.0}}""");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """{"inputs":[]}""").ExpectAsync(HttpStatusCode.Locked);

        Assert.Contains("Locks will last for 2 seconds", body.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurstRefusesTheNextCallsWithTheChosenPolicy()
    {
        await Anonymous.PostJsonAsync("/_emulator/faults/rate-limit-burst", """{"count":2,"policy":"TEN_SECONDLY_ROLLING"}""").ExpectAsync(HttpStatusCode.NoContent);

        var first = await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("TEN_SECONDLY_ROLLING", first.Str("policyName"));
        Assert.Equal("You have reached your ten_secondly_rolling limit.", first.Str("message"));
        await Api.PostJsonAsync("/crm/v3/objects/contacts/search", "{}").ExpectAsync(HttpStatusCode.TooManyRequests);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);

        await Anonymous.PostJsonAsync("/_emulator/faults/rate-limit-burst", """{"count":1,"policy":"DAILY"}""").ExpectAsync(HttpStatusCode.NoContent);
        var daily = await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("DAILY", daily.Str("policyName"));
        Assert.Equal("You have reached your daily limit.", daily.Str("message"));
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenEndpointIsOnlyFaultedWhenAsked()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"errorRate":1.0,"errorStatuses":[502]}}""");
        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);

        await Anonymous.PutSettingsAsync("""{"faults":{"includeOAuth":true}}""");
        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task ControlApiIsNeverFaulted()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"errorRate":1.0,"lockRate":1.0,"down":"refuse","includeOAuth":true}}""");

        await Anonymous.GetAsync("/_emulator/health").ExpectAsync(HttpStatusCode.OK);
        await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);
    }

}

public sealed class WallClockFaultTests(RealClockEmulator emulator) : EmulatorTest<RealClockEmulator>(emulator)
{
    [Fact]
    public async Task LatencyDelaysCrmCalls()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"latencyMs":300,"jitterMs":50}}""");
        var watch = Stopwatch.StartNew();

        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);

        Assert.InRange(watch.ElapsedMilliseconds, 300, 5000);
    }

    [Fact]
    public async Task HangHoldsRequestsUntilTheClientGivesUp()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"down":"hang"}}""");
        using var impatient = Emulator.Client();
        impatient.Timeout = TimeSpan.FromMilliseconds(300);

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("/crm/v3/objects/contacts"));
        await Anonymous.GetAsync("/_emulator/health").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResponseDelayKeepsTheWriteWhenTheClientGivesUpWaiting()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"responseDelayMs":2000}}""");
        using var impatient = Emulator.Client();
        impatient.Timeout = TimeSpan.FromMilliseconds(300);
        var email = $"delayed-{Guid.NewGuid():N}@example.com";

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("/crm/v3/objects/contacts",
            new StringContent("{\"properties\":{\"email\":\"" + email + "\"}}", System.Text.Encoding.UTF8, "application/json")));
        await Anonymous.PutSettingsAsync("""{"faults":{"responseDelayMs":0}}""");

        await Api.GetAsync($"/crm/v3/objects/contacts/{email}?idProperty=email").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HangReleasesWhenTheModeIsSwitchedOff()
    {
        await Anonymous.PutSettingsAsync("""{"faults":{"down":"hang"}}""");
        var held = Api.GetAsync("/crm/v3/objects/contacts");
        await Assert.ThrowsAsync<TimeoutException>(() => held.WaitAsync(TimeSpan.FromMilliseconds(300)));

        await Anonymous.PutSettingsAsync("""{"faults":{"down":"off"}}""");

        using var response = await held.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Over real Kestrel and TCP, where an aborted connection surfaces as it does for a real client.</summary>
public sealed class NetworkFaultTests : IDisposable
{
    private readonly EmulatorFactory factory = new(new Dictionary<string, string?>(), clock: null);

    public NetworkFaultTests()
    {
        factory.UseKestrel(0);
        factory.StartServer();
    }

    [Fact]
    public async Task RefuseAbortsTheConnectionWithoutAResponse()
    {
        using var control = factory.CreateClient();
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EmulatorFixture.PrivateAppToken);
        await control.PutSettingsAsync("""{"faults":{"down":"refuse"}}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => api.GetAsync("/crm/v3/objects/contacts"));

        await control.PutSettingsAsync("""{"faults":{"down":"off"}}""");
        await api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        var stats = await control.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, stats.GetProperty("calls").GetProperty("GET /crm/v3/objects/contacts").GetProperty("aborted").GetInt64());
    }

    public void Dispose() => factory.Dispose();
}
