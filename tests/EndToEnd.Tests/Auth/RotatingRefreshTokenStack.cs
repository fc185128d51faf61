using System.Globalization;

namespace HubSpotCrm.EndToEnd.Tests.Auth;

/// <summary>
/// A stack whose emulator hands out a new refresh token at every refresh and lets a replaced one work for two seconds
/// only, with access tokens that last three seconds: a Worker with traffic replaces its refresh token every few seconds.
/// </summary>
public class RotatingRefreshTokenStack : ServiceStack
{
    public const int GraceSeconds = 2;

    protected override void Configure(ServiceStackOptions options)
    {
        options.Emulator["Emulator__OAuth__RotateRefreshToken"] = "true";
        options.Emulator["Emulator__OAuth__RefreshTokenGraceSeconds"] = GraceSeconds.ToString(CultureInfo.InvariantCulture);
        options.Emulator["Emulator__OAuth__AccessTokenLifetimeSeconds"] = ShortLivedTokenStack.TokenLifetimeSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Token requests the emulator saw, whatever their answer (aborted ones too).</summary>
    public async Task<long> TokenRequestsAsync() => (await EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token");

    public async Task<long> RefusedTokenRequestsAsync() => (await EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token", 400);

    /// <summary>
    /// Keeps the Worker busy until the emulator has rotated the refresh token three more times. Refreshes are at least
    /// 2.4 s apart (at 80 % of a token's life), so the configured refresh token and the first rotated ones no longer work.
    /// </summary>
    public async Task RotateSeveralTimesAsync()
    {
        var before = (await EmulatorControl.StatsAsync()).TokenRefreshes;
        await Eventually.TrueAsync(async () =>
        {
            var status = await ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
            Assert.Equal("succeeded", status.GetProperty("status").GetString());
            return (await EmulatorControl.StatsAsync()).TokenRefreshes >= before + 3;
        }, "the emulator to rotate the refresh token three times", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300));
    }

    public static async Task<(HttpStatusCode Status, string Description)> ReadinessAsync(ServiceProcess worker)
    {
        using var http = new HttpClient { BaseAddress = worker.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hubSpot = body.RootElement.GetProperty("checks").GetProperty("hubspot").GetProperty("description").GetString() ?? "";
        return (response.StatusCode, hubSpot);
    }
}
