namespace HubSpotCrm.EndToEnd.Tests.Auth;

/// <summary>
/// When HubSpot rotates refresh tokens, a token request whose answer is lost may have spent the refresh token: HubSpot
/// replaced it with one the Worker never received. Sending it again would at best be refused and at worst make HubSpot
/// revoke the app's authorization, so the Worker sends it once, pauses for credentials, and waits for the operator.
/// </summary>
public sealed class LostTokenAnswerTests(LostTokenAnswerStack stack) : IClassFixture<LostTokenAnswerStack>
{
    private const string Reauthorized = "reauthorized-refresh-token";

    [Fact]
    public async Task A_token_request_whose_answer_is_lost_is_sent_once_and_the_Worker_pauses_until_a_new_refresh_token_is_set()
    {
        await stack.CreateContactAsync();
        var requestsBefore = await stack.TokenRequestsAsync();

        // HubSpot carries out the refresh (and rotates the token) but its answer comes after the Worker gave up.
        await stack.EmulatorControl.SettingsAsync(new { faults = new { responseDelayMs = 12_000, includeOAuth = true } });
        var waiting = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact());

        var (_, paused) = await Eventually.GetAsync(() => RotatingRefreshTokenStack.ReadinessAsync(stack.Worker),
            r => r.Status == HttpStatusCode.ServiceUnavailable && r.Description.Contains("Authentication", StringComparison.Ordinal),
            "the Worker to pause for credentials", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        Assert.Contains("HubSpot:RefreshToken", paused, StringComparison.Ordinal);
        var probes = ProbeLines();
        await Eventually.TrueAsync(() => Task.FromResult(ProbeLines() >= probes + 3), "the paused Worker to probe a few times", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await stack.TokenRequestsAsync() > requestsBefore, "the emulator to count the token request");
        Assert.Equal(requestsBefore + 1, await stack.TokenRequestsAsync());
        Assert.Equal("accepted", (await stack.ApiClient.StatusAsync(waiting))!.Value.GetProperty("status").GetString());

        // Started again, with HubSpot answering at once, the Worker still does not send the refresh token in doubt.
        await stack.EmulatorControl.SettingsAsync(new { faults = new { responseDelayMs = 0, includeOAuth = false } });
        await stack.Worker.KillAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => stack.Worker.StartAsync(TimeSpan.FromSeconds(15)));
        var (_, starting) = await RotatingRefreshTokenStack.ReadinessAsync(stack.Worker);
        Assert.Contains("HubSpot:RefreshToken", starting, StringComparison.Ordinal);
        Assert.Equal(requestsBefore + 1, await stack.TokenRequestsAsync());

        // The operator authorizes the app again and gives the Worker the new refresh token: the stored one is ignored.
        stack.Emulator.Set("Emulator__OAuth__RefreshToken", Reauthorized);
        await stack.Emulator.KillAsync();
        await stack.Emulator.StartAsync();
        stack.Worker.Set("HubSpot__RefreshToken", Reauthorized);
        await stack.Worker.KillAsync();
        await stack.Worker.StartAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(waiting)).GetProperty("status").GetString());
        Assert.Equal(0, (await stack.EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token", 400));
    }

    private int ProbeLines() => stack.Worker.Output.Count(l => l.Contains("HubSpot still does not answer", StringComparison.Ordinal));
}
