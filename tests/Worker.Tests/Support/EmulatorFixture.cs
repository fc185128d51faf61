namespace HubSpotCrm.Worker.Tests.Support;

/// <summary>
/// One emulator process for a test class, reached over HTTP like HubSpot. Rate limits and the search indexing lag
/// are off unless a test turns them on: these tests count calls and check outcomes, they do not time anything.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ServiceProcess Process { get; private set; } = null!;

    public EmulatorClient Control { get; private set; } = null!;

    public Uri BaseUrl => Process.BaseUrl;

    public async Task InitializeAsync()
    {
        Process = new ServiceProcess("emulator", "HubSpotEmulator", FreePort.Next(), new Dictionary<string, string>
        {
            ["Emulator__RateLimits__Enabled"] = "false",
            ["Emulator__Search__IndexingLagMs"] = "0",
        }, readyPath: "/_emulator/health");
        await Process.StartAsync();
        Control = new EmulatorClient(Process.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Process.DisposeAsync();
    }
}
