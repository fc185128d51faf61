namespace HubSpotCrm.ServiceDefaults.Demo;

/// <summary>
/// Demo mode: the Worker writes to the bundled HubSpot emulator instead of HubSpot, and the Api accepts the published
/// demo key. It is only ever switched on by the user (DemoMode__Enabled=true, which compose's demo.env and
/// <c>./run.sh --demo</c> set); missing credentials never turn it on.
/// </summary>
public sealed class DemoModeOptions
{
    public const string SectionName = "DemoMode";

    /// <summary>The key the README, demo.env and <c>./run.sh --demo</c> publish: anyone can read it, so only demo mode accepts it.</summary>
    public const string ApiKey = "demo-api-key-0123456789";

    public bool Enabled { get; set; }

    /// <summary>Where the emulator listens; the Worker talks to it, and only to it, in demo mode.</summary>
    public Uri EmulatorUrl { get; set; } = new("http://localhost:5081");
}
