using System.Text.Json;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.TestSupport;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Tests.Schemas;

/// <summary>
/// The Worker reads the published schemas with a checker of its own, built to stay cheap on hostile messages; it must
/// refuse exactly what a general JSON Schema validator (JsonSchema.Net, with the schemas' formats) refuses.
/// </summary>
public sealed class SchemaConformanceTests
{
    private const string Id = "5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10";
    private const string Deal = """{"dealname":"D","amount":10,"dealstage":"x"}""";
    private const string Contact = $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":{"firstname":"Ada"}}""";
    private const string Ticket = """{"subject":"S","content":"C","category":"GENERAL_INQUIRY","pipeline":"0","pipelineStage":"1","priority":"LOW"}""";

    public static TheoryData<string, string> Messages => new()
    {
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com"}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":{"firstname":"Ada","notes":"a\nb"}}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":null}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":{"firstname":""}}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}"}""" },
        { "upsert-contact", $$$"""{"requestId":"not-a-uuid","email":"ada@example.com"}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"not-an-email"}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"a\u0000b@example.com"}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","emial":"x"}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":{"Bad-Name":"x"}}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":{"firstname":1}}""" },
        { "upsert-contact", $$$"""{"requestId":"{{{Id}}}","email":"ada@example.com","properties":"x"}""" },
        { "upsert-contact", "[]" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[{{{Deal}}}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[{"dealname":"D","amount":"1500.50","dealstage":"x","pipeline":null}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"abc","deals":[{{{Deal}}}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":1,"deals":[{{{Deal}}}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[{"dealname":"D","amount":"lots","dealstage":"x"}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[{"dealname":"D","dealstage":"x"}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[{"dealname":"  ","amount":1,"dealstage":"x"}]}""" },
        { "upsert-deals", $$$"""{"requestId":"{{{Id}}}","contactId":"1","deals":[{{{string.Join(",", Enumerable.Repeat(Deal, 101))}}}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","tickets":[{{{Ticket}}}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","dealIds":["2","3"],"tickets":[{{{Ticket}}}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","dealIds":["x"],"tickets":[{{{Ticket}}}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","tickets":[{"subject":"S\nT","content":"C","category":"GENERAL_INQUIRY","pipeline":"0","pipelineStage":"1","priority":"LOW"}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","tickets":[{"subject":"S","content":"line 1\r\n\tline 2","category":"GENERAL_INQUIRY","pipeline":"0","pipelineStage":"1","priority":"LOW"}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","tickets":[{"subject":"S","category":"GENERAL_INQUIRY","pipeline":"0","pipelineStage":"1","priority":"LOW"}]}""" },
        { "create-tickets", $$$"""{"requestId":"{{{Id}}}","contactId":"1","tickets":["ticket"]}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"https://www.Example.com/about","properties":{"name":"Example","description":"a\nb"},"contactIds":["1","2"],"primaryCompany":true}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","properties":null,"contactIds":null,"primaryCompany":null}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","contactIds":[],"primaryCompany":false}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"localhost"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"192.168.0.1"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"  "}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"exa mple.com"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com\u0000"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"{{{new string('a', 64)}}}.com"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"https://example.com/{{{new string('p', 2048)}}}"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":42}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","contactIds":"1"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","contactIds":[1]}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","contactIds":["abc"]}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","contactIds":[{{{string.Join(",", Enumerable.Range(1, 101).Select(i => $"\"{i}\""))}}}]}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","primaryCompany":"yes"}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","properties":{"Name":"x"}}""" },
        { "upsert-company", $$$"""{"requestId":"{{{Id}}}","domain":"example.com","name":"x"}""" },
        { "upsert-contacts", $$$"""{"contacts":[{{{Contact}}}]}""" },
        { "upsert-contacts", $$$"""{"contacts":[{{{string.Join(",", Enumerable.Repeat(Contact, 100))}}}]}""" },
        { "upsert-contacts", $$$"""{"contacts":[{{{string.Join(",", Enumerable.Repeat(Contact, 101))}}}]}""" },
        { "upsert-contacts", """{"contacts":[]}""" },
        { "upsert-contacts", """{"contacts":null}""" },
        { "upsert-contacts", $$$"""{"contacts":[{{{Contact}}},{"requestId":"{{{Id}}}","email":"not-an-email"}]}""" },
        { "upsert-contacts", $$$"""{"contacts":[{"requestId":"{{{Id}}}","email":"ada@example.com","properties":{"Bad-Name":"x"}}]}""" },
        { "upsert-contacts", $$$"""{"contacts":["{{{Id}}}"]}""" },
        { "upsert-contacts", Contact },
        { "upsert-contacts", $$$"""{"requestId":"{{{Id}}}","contacts":[{{{Contact}}}]}""" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_Worker_refuses_exactly_what_a_general_validator_refuses(string command, string json)
    {
        using var document = JsonDocument.Parse(json);
        var definition = CommandCatalogue.ForName(command)!;

        var worker = CommandSchemas.Check(definition.Queue, document.RootElement);
        var general = WireFormats.Schema(command).Evaluate(document.RootElement, WireFormats.Options);

        Assert.True(general.IsValid == (worker.Count == 0),
            $"JsonSchema.Net says {(general.IsValid ? "valid" : "invalid")}; the Worker found [{string.Join("; ", worker.Problems)}]");
    }

    [Fact]
    public void Every_failure_code_the_Worker_answers_with_is_one_the_schema_names()
    {
        var codes = WireSchemas.Of(CommandCatalogue.CommandFailed.Name).GetProperty("properties").GetProperty("code").GetProperty("enum")
            .EnumerateArray().Select(c => c.GetString()).ToHashSet();
        var answered = typeof(CommandFailures).GetFields().Where(f => f.IsLiteral).Select(f => (string?)f.GetValue(null));

        Assert.All(answered, code => Assert.Contains(code, codes));
    }
}
