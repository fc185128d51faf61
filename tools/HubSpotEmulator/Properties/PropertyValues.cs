using System.Globalization;

namespace HubSpotEmulator.Properties;

/// <summary>How HubSpot reads dates and numbers given as strings: epoch milliseconds or ISO-8601.</summary>
internal static class PropertyValues
{
    public static bool TryParseInstant(string value, out long epochMs)
    {
        var text = value.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out epochMs))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            epochMs = instant.ToUnixTimeMilliseconds();
            return true;
        }

        epochMs = 0;
        return false;
    }

    public static bool TryParseNumber(string value, out decimal number) =>
        decimal.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
}
