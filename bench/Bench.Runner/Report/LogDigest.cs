using System.Text.Json;

namespace HubSpotCrm.Bench.Report;

/// <summary>The errors a service logged during the measurements (its JSON log lines), grouped by exception, for the notes.</summary>
internal static class LogDigest
{
    public static IEnumerable<string> Errors(string service, string? path, DateTimeOffset since)
    {
        if (path is null || !File.Exists(path))
        {
            yield break;
        }
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith('{') || !line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal) && !line.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal))
            {
                continue;
            }
            total++;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.TryGetProperty("@t", out var time) && time.TryGetDateTimeOffset(out var at) && at < since)
                {
                    total--;
                    continue;
                }
                var what = root.TryGetProperty("@x", out var exception)
                    ? exception.GetString()?.Split('\n')[0]
                    : root.TryGetProperty("@m", out var message) ? message.GetString() : null;
                var text = (what ?? "?").ReplaceLineEndings(" ");
                var key = text[..Math.Min(text.Length, 200)];
                errors[key] = errors.GetValueOrDefault(key) + 1;
            }
            catch (JsonException)
            {
            }
        }
        if (total == 0)
        {
            yield break;
        }
        var top = errors.OrderByDescending(e => e.Value).Take(3).Select(e => $"“{e.Key}” ×{e.Value}");
        yield return $"The {service} logged {total} errors; most frequent: {string.Join("; ", top)}.";
    }
}
