namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// A spent daily limit, refused credentials and a HubSpot outage pause the Worker: nothing goes to _error, nothing is
/// marked failed, readiness says why, and everything completes once HubSpot answers again.
/// </summary>
public sealed class PauseNotFailTests(ReliabilityStack stack) : IClassFixture<ReliabilityStack>
{
    [Fact]
    public async Task The_daily_limit_pauses_consumption_until_HubSpot_accepts_calls_again()
    {
        await stack.CreateContactAsync();
        await stack.EmulatorControl.RateLimitBurstAsync(12, "DAILY");

        var requests = await SubmitContactsAsync(5);

        await WaitForPauseAsync("DailyLimit");
        await AssertCompletedWithoutFailureAsync(requests);
    }

    [Fact]
    public async Task A_revoked_refresh_token_pauses_consumption_and_the_restored_one_resumes_it()
    {
        var contactId = await stack.CreateContactAsync();
        var refusedBefore = (await stack.EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token", 400);
        await stack.EmulatorControl.RevokeTokensAsync(accessTokens: true, refreshToken: true);
        try
        {
            var requests = new List<Guid>(await SubmitContactsAsync(3))
            {
                await stack.ApiClient.SubmitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(TestData.Unique("Paused")) } }),
                await stack.ApiClient.SubmitAsync("/api/v1/hubspot/tickets", new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("Paused")) } }),
            };

            var readiness = await WaitForPauseAsync("Authentication");
            Assert.Contains("refresh token", readiness, StringComparison.OrdinalIgnoreCase);
            await Eventually.TrueAsync(async () => (await stack.EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token", 400) >= refusedBefore + 3,
                "the paused Worker to probe HubSpot a few times", TimeSpan.FromSeconds(30));
            Assert.Equal(0, await stack.DeadLetteredAsync());
            foreach (var request in requests)
            {
                Assert.Equal("accepted", (await stack.ApiClient.StatusAsync(request))!.Value.GetProperty("status").GetString());
            }

            await stack.EmulatorControl.RestoreTokensAsync();
            await AssertCompletedWithoutFailureAsync(requests);
        }
        finally
        {
            await stack.EmulatorControl.RestoreTokensAsync();
        }
    }

    [Fact]
    public async Task HubSpot_refusing_connections_pauses_consumption_until_it_is_back()
    {
        await stack.CreateContactAsync();
        await stack.EmulatorControl.SettingsAsync(new { faults = new { down = "refuse" } });
        try
        {
            var requests = await SubmitContactsAsync(4);

            await WaitForPauseAsync("Outage");
            Assert.Equal(0, await stack.DeadLetteredAsync());

            await stack.EmulatorControl.SettingsAsync(new { faults = new { down = "off" } });
            await AssertCompletedWithoutFailureAsync(requests);
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { down = "off" } });
        }
    }

    private async Task<IReadOnlyList<Guid>> SubmitContactsAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact())));

    private async Task<string> WaitForPauseAsync(string reason)
    {
        var (_, body) = await Eventually.GetAsync(stack.WorkerReadinessAsync,
            r => r.Status == HttpStatusCode.ServiceUnavailable && r.Body.GetProperty("checks").GetProperty("hubspot").GetProperty("description").GetString()!.Contains(reason, StringComparison.Ordinal),
            $"the Worker's readiness to report a pause for {reason}", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        return body.GetProperty("checks").GetProperty("hubspot").GetProperty("description").GetString()!;
    }

    private async Task AssertCompletedWithoutFailureAsync(IEnumerable<Guid> requests)
    {
        foreach (var request in requests)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(request, TimeSpan.FromSeconds(60));
            Assert.Equal("succeeded", status.GetProperty("status").GetString());
        }
        Assert.Equal(0, await stack.DeadLetteredAsync());
        var (ready, _) = await Eventually.GetAsync(stack.WorkerReadinessAsync, r => r.Status == HttpStatusCode.OK, "the Worker to be ready again", TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, ready);
    }
}
