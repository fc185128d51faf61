using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// A service that stops because something in it failed ends with a non-zero exit code, so that a supervisor
/// restarting on failure (systemd's Restart=on-failure, compose's on-failure) starts it again. .NET stops the host
/// when a background service throws, and would otherwise exit with 0.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FatalStopTests(ServiceStack stack)
{
    [Fact]
    public async Task A_background_service_that_fails_ends_the_Api_with_a_non_zero_exit_code()
    {
        await using var database = await IsolatedDatabase.CreateAsync(stack.Servers);
        await using var api = ExtraApi.Create(stack, "api-fatal", settings =>
        {
            settings["ConnectionStrings__Requests"] = database.ConnectionString;
            settings["Retention__Interval"] = "00:00:00.500";
        });
        await api.StartAsync();

        // An operator's mistake the retention clean-up cannot survive: not an outage it could wait out.
        await database.ScalarAsync<int>("DROP TABLE requests CASCADE; SELECT 1");

        await Eventually.TrueAsync(() => Task.FromResult(!api.IsRunning), "the Api to stop", TimeSpan.FromSeconds(60));
        Assert.Equal(70, api.ExitCode);
        Assert.Contains(api.Output, line => line.Contains("stopped because RequestRetentionService failed", StringComparison.Ordinal));
    }
}
