using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Auth;

public sealed class TokenRefreshTests(ShortLivedTokenStack stack) : IClassFixture<ShortLivedTokenStack>
{
    [Fact]
    public async Task Tokens_expiring_every_few_seconds_are_refreshed_once_per_expiry_by_all_consumers_together()
    {
        var contactId = await stack.CreateContactAsync();
        var before = await stack.EmulatorControl.StatsAsync();
        var clock = Stopwatch.StartNew();

        // Contacts, deals and tickets consumers call HubSpot at the same time for ~12 s, across several token lifetimes.
        var requests = new List<Guid>();
        while (clock.Elapsed < TimeSpan.FromSeconds(12))
        {
            requests.AddRange(await Task.WhenAll(
                stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact()),
                stack.ApiClient.SubmitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(TestData.Unique("Deal")) } }),
                stack.ApiClient.SubmitAsync("/api/v1/hubspot/tickets", new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("Ticket")) } })));
            await Task.Delay(300);
        }
        foreach (var requestId in requests)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).GetProperty("status").GetString());
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var after = await stack.EmulatorControl.StatsAsync();

        var refreshes = after.TokenRefreshes - before.TokenRefreshes;
        // Tokens are replaced at 80 % of their lifetime, and only when a call needs one: at most one refresh per 2.4 s.
        var mostExpected = (long)Math.Ceiling(elapsed / (ShortLivedTokenStack.TokenLifetimeSeconds * 0.8)) + 1;
        Assert.InRange(refreshes, 3, mostExpected);
        Assert.Equal(before.CallsWithStatus(401), after.CallsWithStatus(401));
    }

    [Fact]
    public async Task A_revoked_access_token_is_refreshed_once_and_the_calls_are_retried()
    {
        var contactId = await stack.CreateContactAsync();
        // Let the Worker take a long-lived token first, so the next refresh can only come from the revocation.
        var refreshes = (await stack.EmulatorControl.StatsAsync()).TokenRefreshes;
        await stack.EmulatorControl.SettingsAsync(new { oauth = new { accessTokenLifetimeSeconds = 1800 } });
        await Eventually.TrueAsync(async () =>
        {
            await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
            return (await stack.EmulatorControl.StatsAsync()).TokenRefreshes > refreshes;
        }, "the Worker to take a long-lived token", TimeSpan.FromSeconds(30));
        var before = await stack.EmulatorControl.StatsAsync();

        await stack.EmulatorControl.RevokeTokensAsync(accessTokens: true, refreshToken: false);
        var statuses = await Task.WhenAll(
            stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact()),
            stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(TestData.Unique("Deal")) } }),
            stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/tickets", new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("T")) } }));

        Assert.All(statuses, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        var after = await stack.EmulatorControl.StatsAsync();
        Assert.Equal(1, after.TokenRefreshes - before.TokenRefreshes);
        Assert.InRange(after.CallsWithStatus(401) - before.CallsWithStatus(401), 1, 3);
        await stack.EmulatorControl.SettingsAsync(new { oauth = new { accessTokenLifetimeSeconds = ShortLivedTokenStack.TokenLifetimeSeconds } });
    }
}
