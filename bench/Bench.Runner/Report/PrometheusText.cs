using System.Globalization;

namespace HubSpotCrm.Bench.Report;

/// <summary>Samples of one metric in a service's /metrics page (Prometheus text format), summed by one of their labels.</summary>
internal static class PrometheusText
{
    /// <summary>
    /// The values of <paramref name="metric"/>'s samples added up per value of <paramref name="label"/>; samples
    /// <paramref name="include"/> refuses (given their labels) are left out, and so is a sample without the label.
    /// </summary>
    public static Dictionary<string, long> SumBy(string text, string metric, string label, Func<IReadOnlyDictionary<string, string>, bool>? include = null)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var prefix = metric + "{";
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var close = line.LastIndexOf('}');
            var fields = close < 0 ? [] : line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var labels = Labels(line[prefix.Length..close]);
            if (labels.TryGetValue(label, out var key) && (include is null || include(labels)))
            {
                totals[key] = totals.GetValueOrDefault(key) + (long)value;
            }
        }
        return totals;
    }

    /// <summary><c>a="x",b="y \"quoted\""</c> → a: x, b: y "quoted".</summary>
    private static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf("=\"", i, StringComparison.Ordinal);
            if (equals < 0)
            {
                break;
            }
            var name = text[i..equals].Trim(',', ' ');
            var value = new System.Text.StringBuilder();
            var j = equals + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    j++;
                    value.Append(text[j] == 'n' ? '\n' : text[j]);
                }
                else
                {
                    value.Append(text[j]);
                }
            }
            labels[name] = value.ToString();
            i = j + 1;
        }
        return labels;
    }
}
