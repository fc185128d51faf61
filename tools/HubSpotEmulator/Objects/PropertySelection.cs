using HubSpotEmulator.Properties;

namespace HubSpotEmulator.Objects;

/// <summary>Which properties a read returns: the type's defaults, or the requested ones plus the system properties.</summary>
internal static class PropertySelection
{
    /// <param name="requested">Values of the <c>properties</c> parameter; each may itself be a comma-separated list.</param>
    public static string[] Resolve(ObjectTypeInfo type, IEnumerable<string?>? requested, PropertyRegistry registry)
    {
        var names = requested?
            .SelectMany(static r => (r ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        if (names is null || names.Count == 0)
        {
            return type.DefaultProperties;
        }

        // HubSpot ignores unknown names on reads instead of answering with an error.
        var selected = names.Where(n => registry.TryGet(type, n, out _)).Concat(type.SystemProperties).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(selected, StringComparer.Ordinal);
        return selected;
    }
}
