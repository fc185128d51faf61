using System.Collections.Concurrent;
using System.Text.Json;

namespace HubSpotCrm.Contracts.Catalogue;

/// <summary>
/// The JSON Schema (draft 2020-12) of every command and event as it travels on the bus, one file per message name
/// (Schemas/{name}.schema.json, embedded in this assembly). They are the one description of each wire form: the Worker
/// checks commands against them, the Api serves them at /schemas/{name}.schema.json, and other languages validate
/// against them.
/// </summary>
public static class WireSchemas
{
    private static readonly ConcurrentDictionary<string, JsonDocument> Parsed = new(StringComparer.Ordinal);

    /// <summary>Every schema's name: the commands' and the events'.</summary>
    public static IEnumerable<string> Names => CommandCatalogue.Commands.Select(c => c.Name).Concat(CommandCatalogue.Events.Select(e => e.Name));

    public static string FileName(string name) => $"{name}.schema.json";

    /// <summary>The name a schema's file name (a $ref from one schema to another, beside it) stands for.</summary>
    public static string NameOf(string fileName) =>
        fileName.EndsWith(".schema.json", StringComparison.Ordinal) && Names.Contains(fileName[..^".schema.json".Length], StringComparer.Ordinal)
            ? fileName[..^".schema.json".Length]
            : throw new ArgumentException($"{fileName} is not the file of a wire schema.", nameof(fileName));

    /// <summary>The schema file's text, or null for a name that has none.</summary>
    public static string? Text(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }
        using var stream = typeof(WireSchemas).Assembly.GetManifestResourceStream($"HubSpotCrm.Contracts.Schemas.{FileName(name)}")
                           ?? throw new InvalidOperationException($"The schema {FileName(name)} is not embedded in the contracts.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema as JSON, parsed once.</summary>
    public static JsonElement Of(string name) =>
        Parsed.GetOrAdd(name, n => JsonDocument.Parse(Text(n) ?? throw new ArgumentException($"No schema is named {n}.", nameof(name)))).RootElement;
}
