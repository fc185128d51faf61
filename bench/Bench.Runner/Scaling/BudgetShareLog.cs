using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HubSpotCrm.Bench.Scaling;

/// <summary>
/// The share of HubSpot's budget a Worker took last, from its JSON log: HubSpotRateBudget logs "Taking 0.333 of
/// HubSpot's budget: 36 calls per 10 s …" at each change (run.sh has that category at Information).
/// </summary>
internal static partial class BudgetShareLog
{
    public static BudgetShare? Last(string logPath)
    {
        if (!File.Exists(logPath))
        {
            return null;
        }
        BudgetShare? last = null;
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('{') || !line.Contains("Taking ", StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("@m", out var message) && ShareLine().Match(message.GetString() ?? "") is { Success: true } match)
                {
                    last = new BudgetShare(double.Parse(match.Groups["share"].Value, CultureInfo.InvariantCulture),
                        int.Parse(match.Groups["calls"].Value, CultureInfo.InvariantCulture));
                }
            }
            catch (JsonException)
            {
                // A line being written as we read it.
            }
        }
        return last;
    }

    [GeneratedRegex(@"^Taking (?<share>[0-9.]+) of HubSpot's budget: (?<calls>[0-9]+) calls per 10 s")]
    private static partial Regex ShareLine();
}

/// <param name="Share">As the Worker logs it, to three decimals (0.333).</param>
/// <param name="CallsPer10S">The ten-secondly calls that share allows this Worker.</param>
internal sealed record BudgetShare(double Share, int CallsPer10S);
