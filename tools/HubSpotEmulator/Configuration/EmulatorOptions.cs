namespace HubSpotEmulator.Configuration;

/// <summary>Start-up configuration, bound from the <c>Emulator</c> section (env vars <c>Emulator__…</c>).</summary>
internal sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The single emulated account: reported as <c>hub_id</c> and <c>portalId</c>.</summary>
    public long HubId { get; set; } = 12345678;

    /// <summary>Static private-app bearer tokens. Empty means the default <c>pat-na1-demo</c>.</summary>
    public string[] PrivateAppTokens { get; set; } = [];

    public OAuthOptions OAuth { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    public PropertyOptions Properties { get; set; } = new();

    public ObjectOptions Objects { get; set; } = new();

    public AssociationOptions Associations { get; set; } = new();
}
