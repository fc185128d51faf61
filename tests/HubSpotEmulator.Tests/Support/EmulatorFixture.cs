using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace HubSpotEmulator.Tests.Support;

/// <summary>One emulator per test class; each test starts with <c>POST /_emulator/reset</c>.</summary>
public abstract class EmulatorFixture : IDisposable
{
    public const string PrivateAppToken = "pat-na1-demo";

    private readonly FakeTimeProvider? clock;

    protected EmulatorFixture(IReadOnlyDictionary<string, string?> settings, bool fakeClock)
    {
        clock = fakeClock ? new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero)) : null;
        Factory = new EmulatorFactory(settings, clock);
    }

    public EmulatorFactory Factory { get; }

    public FakeTimeProvider Clock => clock ?? throw new InvalidOperationException("This fixture runs on the real clock.");

    /// <summary>The fake clock's current time in HubSpot's text form (the clock keeps running across tests).</summary>
    public string Now => Iso(Clock.GetUtcNow());

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A client sending <c>Authorization: Bearer {token}</c>, or no header when <paramref name="token"/> is null.</summary>
    public HttpClient Client(string? token = PrivateAppToken)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task ResetAsync()
    {
        using var client = Client(null);
        using var response = await client.PostAsync(new Uri("/_emulator/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Fake clock, rate limits off and no indexing lag: tests switch on what they examine.</summary>
public sealed class FakeClockEmulator() : EmulatorFixture(
    new Dictionary<string, string?>
    {
        ["Emulator:RateLimits:Enabled"] = "false",
        ["Emulator:Search:IndexingLagMs"] = "0",
    },
    fakeClock: true);

/// <summary>Shipped defaults on the real clock, for wall-clock behaviour (latency, hanging, indexing lag).</summary>
public sealed class RealClockEmulator() : EmulatorFixture(new Dictionary<string, string?>(), fakeClock: false);
