using System.Text.RegularExpressions;

namespace HubSpotCrm.EndToEnd.Tests.Observability;

public sealed partial class LogsAndMetricsTests(VerboseStack stack) : IClassFixture<VerboseStack>
{
    [Fact]
    public async Task A_full_run_logged_at_Debug_never_shows_a_token_a_secret_or_an_API_key()
    {
        var contactId = await stack.CreateContactAsync();
        await stack.CreateDealsAsync(contactId, TestData.Unique("Logged deal"));
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/tickets", new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("Logged")) } });
        // Refreshes (tokens last 3 s), a 401 and its refresh, a refused property, a refused key.
        await Eventually.TrueAsync(async () =>
        {
            await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact());
            return (await stack.EmulatorControl.StatsAsync()).TokenRefreshes >= 4;
        }, "a few token refreshes while contacts keep coming", TimeSpan.FromSeconds(40), interval: TimeSpan.FromMilliseconds(500));
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
        await stack.EmulatorControl.RevokeTokensAsync(accessTokens: true, refreshToken: false);
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
        var refused = TestData.Contact();
        refused["no_such_property"] = "x";
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", refused);
        using (var wrongKey = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{Guid.NewGuid()}"))
        {
            wrongKey.Headers.Add("X-Api-Key", "wrong-key-0123456789-wrong");
            using var _ = await stack.ApiClient.Http.SendAsync(wrongKey);
        }

        var logs = string.Join('\n', stack.Api.Output.Concat(stack.Worker.Output));

        Assert.True(stack.Worker.Output.Count > 50, "the Worker logged little: is Debug on?");
        foreach (var secret in new[] { ServiceStackOptions.ClientSecret, ServiceStackOptions.RefreshToken, ServiceStackOptions.PrivateAppToken,
                     ServiceStackOptions.ApiKey, ServiceStackOptions.OtherApiKey, "wrong-key-0123456789-wrong" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
        Assert.Empty(AccessToken().Matches(logs));
    }

    [Fact]
    public async Task Keys_sent_in_the_wrong_header_twice_or_too_long_are_not_logged_even_at_Debug()
    {
        var key = ServiceStackOptions.ApiKey;
        var other = ServiceStackOptions.OtherApiKey;
        var refusals = new[]
        {
            [$"Authorization: Bearer {key}"], [$"Api-Key: {key}"], [$"X-Api-Key: {key}", $"X-Api-Key: {other}"], [$"X-Api-Key: {key}, {other}"],
            [$"X-Api-Key: {key}{new string('k', 300)}"], new[] { $"X-Api-Key: {key[..^1]}" },
        };
        foreach (var headers in refusals)
        {
            Assert.Equal(401, (await Security.RawHttp.SendAsync(stack.Api.BaseUrl, "POST", "/api/v1/hubspot/contact", headers, JsonSerializer.Serialize(TestData.Contact()))).Status);
        }

        await Eventually.TrueAsync(() => Task.FromResult(stack.Api.Output.Count(l => l.Contains("HTTP POST /api/v1/hubspot/contact responded 401", StringComparison.Ordinal)) >= refusals.Length),
            "the request-log lines of the refused calls", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(stack.Api.Output, l => l.Contains(key[..^1], StringComparison.Ordinal) || l.Contains(other, StringComparison.Ordinal)
                                                     || l.Contains("kkkk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Workers_metrics_endpoint_exposes_commands_HubSpot_calls_429s_refreshes_batch_sizes_and_the_budget()
    {
        await stack.CreateContactAsync();
        await stack.EmulatorControl.RateLimitBurstAsync(1);
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());

        using var http = new HttpClient { BaseAddress = stack.Worker.BaseUrl };
        var metrics = await Eventually.GetAsync(() => http.GetStringAsync("/metrics"),
            text => text.Contains("hubspotcrm_hubspot_rate_limited_total", StringComparison.Ordinal), "the 429 to show in the metrics");

        var lines = metrics.Split('\n');
        foreach (var (series, labels) in new[]
                 {
                     ("hubspotcrm_worker_commands_total", new[] { "command=\"upsert-contact\"", "outcome=\"succeeded\"" }),
                     ("hubspotcrm_hubspot_calls_total", ["endpoint=\"POST /crm/v3/objects/contacts/batch/upsert\"", "status=\"200\""]),
                     ("hubspotcrm_hubspot_rate_limited_total", ["policy=\"TenSecondly\""]),
                     ("hubspotcrm_hubspot_token_refreshes_total", []),
                     ("hubspotcrm_worker_batch_size_bucket", ["command=\"upsert-contact\""]),
                     ("hubspotcrm_hubspot_rate_budget_remaining", []),
                 })
        {
            Assert.True(lines.Any(l => l.StartsWith(series + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal))),
                $"no {series} with {string.Join(", ", labels)} in:\n{metrics}");
        }
    }

    /// <summary>The emulator's access tokens: "CO" and 64 base64url characters.</summary>
    [GeneratedRegex("CO[A-Za-z0-9_-]{60,}")]
    private static partial Regex AccessToken();
}
