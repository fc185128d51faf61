using System.Globalization;

namespace HubSpotEmulator.Objects;

/// <summary>An instant at millisecond precision with its HubSpot text form (<c>2024-08-15T17:09:13.610Z</c>), formatted once.</summary>
internal sealed record Timestamp(long Ms, string Text)
{
    public static Timestamp FromMs(long ms) => new(ms, Format(ms));

    public static Timestamp Now(TimeProvider clock) => FromMs(clock.GetUtcNow().ToUnixTimeMilliseconds());

    public static string Format(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
