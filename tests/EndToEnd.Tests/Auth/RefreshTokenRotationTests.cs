namespace HubSpotCrm.EndToEnd.Tests.Auth;

/// <summary>
/// HubSpot may replace the refresh token at every refresh. The replacement is kept in the broker, so a Worker that
/// starts again, or another Worker, goes on from the newest one instead of the configured one HubSpot no longer takes.
/// </summary>
public sealed class RefreshTokenRotationTests(RotatingRefreshTokenStack stack) : IClassFixture<RotatingRefreshTokenStack>
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_Worker_killed_after_HubSpot_rotated_its_refresh_token_gets_access_tokens_again_when_it_starts()
    {
        await stack.RotateSeveralTimesAsync();
        var refused = await stack.RefusedTokenRequestsAsync();

        await stack.Worker.KillAsync();
        await stack.Worker.StartAsync(ReadyTimeout);
        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(refused, await stack.RefusedTokenRequestsAsync());
    }

    [Fact]
    public async Task A_second_Worker_started_after_HubSpot_rotated_the_refresh_token_uses_the_rotated_one_and_both_keep_working()
    {
        await stack.RotateSeveralTimesAsync();
        var refused = await stack.RefusedTokenRequestsAsync();

        await using var second = ExtraWorker.Create(stack, "worker-second", settings =>
        {
            foreach (var (key, value) in stack.Options.Worker)
            {
                settings[key] = value;
            }
            settings["HubSpot__BaseUrl"] = stack.Emulator.BaseUrl.ToString();
        });
        await second.StartAsync(ReadyTimeout);

        // Both Workers take contacts for several token lifetimes: each refresh replaces the refresh token the other holds.
        var refreshes = (await stack.EmulatorControl.StatsAsync()).TokenRefreshes;
        var requests = new List<Guid>();
        await Eventually.TrueAsync(async () =>
        {
            requests.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact()))));
            return (await stack.EmulatorControl.StatsAsync()).TokenRefreshes >= refreshes + 6;
        }, "both Workers to refresh a few times", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300));

        foreach (var request in requests)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(request)).GetProperty("status").GetString());
        }
        Assert.Equal(refused, await stack.RefusedTokenRequestsAsync());
        foreach (var worker in new[] { stack.Worker, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await RotatingRefreshTokenStack.ReadinessAsync(worker)).Status);
        }
    }
}
