using System.Text.Json;
using HubSpotCrm.Contracts.Rules;
using Json.Schema;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// The schemas' own formats for a general JSON Schema validator (JsonSchema.Net here): each is the rule the Api and
/// the Worker apply. Other validators treat them as annotations unless told, and still check everything else.
/// </summary>
public static class WireFormats
{
    public static EvaluationOptions Options { get; } = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
        FormatRegistry = Registry(),
    };

    private static readonly Dictionary<string, JsonSchema> Built = [];

    /// <summary>
    /// The schema of <paramref name="name"/>, built once: JsonSchema.Net keeps every schema by its $id and refuses a
    /// second. Every wire schema is built with it, so a $ref from one to another (by file name) resolves.
    /// </summary>
    public static JsonSchema Schema(string name)
    {
        lock (Built)
        {
            if (Built.Count == 0)
            {
                foreach (var each in HubSpotCrm.Contracts.Catalogue.WireSchemas.Names)
                {
                    Built[each] = JsonSchema.FromText(HubSpotCrm.Contracts.Catalogue.WireSchemas.Text(each)!);
                }
            }
            return Built[name];
        }
    }

    private static FormatRegistry Registry()
    {
        var registry = new FormatRegistry();
        registry.Register(new Rule("email", text => EmailAddress.IsValid(text) ? null : "must be one email address"));
        registry.Register(new Rule("crm-text", text => string.IsNullOrWhiteSpace(text) ? "must not be empty" : CrmText.FindProblem(text, multiline: false)));
        registry.Register(new Rule("crm-multiline-text", text => string.IsNullOrWhiteSpace(text) ? "must not be empty" : CrmText.FindProblem(text, multiline: true)));
        registry.Register(new Rule("crm-property-value", text => CrmText.FindProblem(text, multiline: true)));
        registry.Register(new Rule("company-domain", text => CompanyDomain.IsValid(text) ? null : CompanyDomain.Rule));
        return registry;
    }

    private sealed class Rule(string name, Func<string, string?> problemOf) : Format(name)
    {
        public override bool Validate(JsonElement element, out string? errorMessage)
        {
            errorMessage = element.ValueKind == JsonValueKind.String ? problemOf(element.GetString()!) : null;
            return errorMessage is null;
        }
    }
}
