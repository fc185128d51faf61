using System.Text.RegularExpressions;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.TestSupport;
using Json.Schema;

namespace HubSpotCrm.Contracts.Tests;

/// <summary>The README's example of every command and event is valid against the schema the Worker checks with.</summary>
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public void Every_example_in_the_README_is_valid_and_every_message_has_one()
    {
        var examples = Examples();

        Assert.Equal(WireSchemas.Names.Order(), examples.Keys.Order());
        foreach (var (name, json) in examples)
        {
            using var document = JsonDocument.Parse(json);
            var results = WireFormats.Schema(name).Evaluate(document.RootElement, WireFormats.Options);
            Assert.True(results.IsValid, $"The README's {name} example is not valid: " +
                string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}"))));
        }
    }

    [Fact]
    public void A_wrong_example_would_be_caught()
    {
        using var document = JsonDocument.Parse("""{"requestId":"…","email":"ada@example.com"}""");

        Assert.False(WireFormats.Schema(CommandCatalogue.UpsertContact.Name).Evaluate(document.RootElement, WireFormats.Options).IsValid);
    }

    /// <summary>The examples of "Publishing from other services": each JSON object under its "// hubspot.&lt;name&gt; — …" line.</summary>
    private static Dictionary<string, string> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Publishing from other services", StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("```jsonc\n", StringComparison.Ordinal) + 9)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var examples = new Dictionary<string, string>();
        string? current = null;
        foreach (var line in block.Split('\n'))
        {
            if (Header().Match(line) is { Success: true } header)
            {
                current = header.Groups["name"].Value;
                examples[current] = "";
            }
            else if (!line.TrimStart().StartsWith("//", StringComparison.Ordinal) && current is not null)
            {
                examples[current] += line + "\n";
            }
        }
        return examples;
    }

    [GeneratedRegex("^// hubspot\\.(?<name>[a-z-]+) — ")]
    private static partial Regex Header();
}
