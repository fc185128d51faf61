using System.Net;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class RateLimitTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private Task EnableAsync(string limits = "") =>
        Anonymous.PutSettingsAsync($$$"""{"rateLimits":{"enabled":true{{{limits}}}}}""");

    [Fact]
    public async Task PrivateAppCallsCarryTenSecondAndDailyHeaders()
    {
        await EnableAsync();

        using var first = await Api.GetAsync("/crm/v3/objects/contacts");
        using var second = await Api.GetAsync("/crm/v3/objects/contacts");

        Assert.Equal("110", Header(second, "X-HubSpot-RateLimit-Max"));
        Assert.Equal("109", Header(first, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("108", Header(second, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("10000", Header(second, "X-HubSpot-RateLimit-Interval-Milliseconds"));
        Assert.Equal("250000", Header(second, "X-HubSpot-RateLimit-Daily"));
        Assert.Equal("249998", Header(second, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task OAuthCallsHaveNoDailyHeaders()
    {
        await EnableAsync();
        using var client = Emulator.Client(await Anonymous.AccessTokenAsync());

        using var response = await client.GetAsync("/crm/v3/objects/contacts");

        Assert.Equal("109", Header(response, "X-HubSpot-RateLimit-Remaining"));
        Assert.Null(Header(response, "X-HubSpot-RateLimit-Daily"));
        Assert.Null(Header(response, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task SearchHasNoRateLimitHeadersAndDoesNotUseTheTenSecondWindow()
    {
        await EnableAsync(""","tenSecondly":1""");

        using var search = await Api.PostJsonAsync("/crm/v3/objects/contacts/search", "{}");
        using var read = await Api.GetAsync("/crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.DoesNotContain(search.Headers, h => h.Key.StartsWith("X-HubSpot-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("0", Header(read, "X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TenSecondLimitAnswersTheDocumented429AndRefusedCallsCostNothing()
    {
        await EnableAsync(""","tenSecondly":3""");
        for (var i = 0; i < 3; i++)
        {
            await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        }

        using var refused = await Api.GetAsync("/crm/v3/objects/contacts");
        var body = await refused.JsonAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(["status", "message", "errorType", "category", "correlationId", "policyName", "groupName"], body.Names());
        Assert.Equal("error", body.Str("status"));
        Assert.Equal("You have reached your ten_secondly_rolling limit.", body.Str("message"));
        Assert.Equal("RATE_LIMIT", body.Str("errorType"));
        Assert.Equal("TEN_SECONDLY_ROLLING", body.Str("policyName"));
        Assert.Equal(Header(refused, "X-HubSpot-Correlation-Id"), body.Str("correlationId"));
        Assert.Null(Header(refused, "Retry-After"));
        Assert.Equal("0", Header(refused, "X-HubSpot-RateLimit-Remaining"));

        // Refused calls do not extend the window: once the admitted ones age out, three more fit.
        for (var i = 0; i < 5; i++)
        {
            await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
        }

        Emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        }

        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task WindowIsRolling()
    {
        await EnableAsync(""","tenSecondly":2""");
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        Emulator.Clock.Advance(TimeSpan.FromSeconds(6));
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);

        Emulator.Clock.Advance(TimeSpan.FromSeconds(4));

        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task WindowsArePerApp()
    {
        await EnableAsync(""","tenSecondly":1""");
        using var oauth = Emulator.Client(await Anonymous.AccessTokenAsync());

        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await oauth.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task DailyLimitAnswersTheDocumented429()
    {
        await EnableAsync(""","daily":2,"sendRetryAfter":true""");
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);

        using var refused = await Api.GetAsync("/crm/v3/objects/contacts");
        var body = await refused.JsonAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(["status", "message", "errorType", "category", "correlationId", "policyName", "requestId"], body.Names());
        Assert.Equal("You have reached your daily limit.", body.Str("message"));
        Assert.Equal("DAILY", body.Str("policyName"));
        Assert.Equal("0", Header(refused, "X-HubSpot-RateLimit-Daily-Remaining"));
        var retryAfter = int.Parse(Header(refused, "Retry-After")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 86_400);

        // OAuth apps have no daily limit by default.
        using var oauth = Emulator.Client(await Anonymous.AccessTokenAsync());
        await oauth.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);

        Emulator.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SearchSecondlyLimitAnswers429WithoutHeaders()
    {
        await EnableAsync(""","searchPerSecond":2""");
        await Api.SearchAsync("contacts", "{}");
        await Api.SearchAsync("contacts", "{}");

        using var refused = await Api.PostJsonAsync("/crm/v3/objects/contacts/search", "{}");
        var body = await refused.JsonAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(["status", "message", "errorType", "category", "correlationId", "policyName"], body.Names());
        Assert.Equal("You have reached your secondly limit.", body.Str("message"));
        Assert.Equal("SECONDLY", body.Str("policyName"));
        Assert.Null(Header(refused, "X-HubSpot-RateLimit-Max"));

        Emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await Api.SearchAsync("contacts", "{}");
    }

    [Fact]
    public async Task TokenEndpointIsNotLimited()
    {
        await EnableAsync(""","tenSecondly":1""");

        for (var i = 0; i < 5; i++)
        {
            await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task AssociationBatchesCountInTheTenSecondWindow()
    {
        await EnableAsync(""","tenSecondly":1""");

        await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", """{"inputs":[]}""").ExpectAsync(HttpStatusCode.OK);

        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RetryAfterIsOptIn()
    {
        await EnableAsync(""","tenSecondly":1,"sendRetryAfter":true""");
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        Emulator.Clock.Advance(TimeSpan.FromSeconds(3));

        using var refused = await Api.GetAsync("/crm/v3/objects/contacts");

        Assert.Equal("7", Header(refused, "Retry-After"));
    }

    [Fact]
    public async Task DisabledLimitsSendNoHeadersAndNever429()
    {
        for (var i = 0; i < 150; i++)
        {
            using var response = await Api.GetAsync("/crm/v3/objects/contacts");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Header(response, "X-HubSpot-RateLimit-Max"));
        }
    }

    [Fact]
    public async Task RefusedCallsAreCountedInStats()
    {
        await EnableAsync(""","tenSecondly":1""");
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);

        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, stats.GetProperty("http429").GetInt64());
        var calls = stats.GetProperty("calls").GetProperty("GET /crm/v3/objects/contacts");
        Assert.Equal((1, 1), (calls.GetProperty("200").GetInt64(), calls.GetProperty("429").GetInt64()));
    }
}

public sealed class ExemptAssociationsTests(ExemptAssociationsTests.Exempt emulator) : EmulatorTest<ExemptAssociationsTests.Exempt>(emulator)
{
    [Fact]
    public async Task AssociationBatchesCanBeExemptFromTheTenSecondWindow()
    {
        await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", """{"inputs":[]}""").ExpectAsync(HttpStatusCode.OK);
        await Api.PostJsonAsync("/crm/v4/associations/contacts/deals/batch/read", """{"inputs":[]}""").ExpectAsync(HttpStatusCode.OK);

        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.TooManyRequests);
    }

    public sealed class Exempt() : EmulatorFixture(
        new Dictionary<string, string?>
        {
            ["Emulator:RateLimits:TenSecondly"] = "1",
            ["Emulator:RateLimits:AssociationsExemptFromTenSecondly"] = "true",
        },
        fakeClock: true);
}
