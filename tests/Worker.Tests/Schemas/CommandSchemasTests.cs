using System.Text.Json;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Tests.Schemas;

/// <summary>
/// What the schema check refuses, and that its reasons stay printable and bounded whatever the message holds: they
/// travel in a header, in CommandFailed (stored as jsonb, which refuses U+0000) and in log lines.
/// </summary>
public sealed class CommandSchemasTests
{
    private const string Contacts = "hubspot.upsert-contact";
    private const string Tickets = "hubspot.create-tickets";
    private const string Deals = "hubspot.upsert-deals";
    private const string Id = "5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10";

    [Theory]
    [InlineData(Id)]
    [InlineData("5F0C8A9E-3B7E-4C1A-9A52-0D5F0E6F7A10")]
    [InlineData("\\u0035f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10")]
    public void The_36_character_form_of_a_request_id_is_taken_in_either_case(string requestId) =>
        Assert.Empty(Check(Contacts, $$"""{"requestId":"{{requestId}}","email":"a@example.com"}"""));

    [Theory]
    [InlineData("5f0c8a9e3b7e4c1a9a520d5f0e6f7a10")]
    [InlineData("{5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10}")]
    [InlineData("(5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10)")]
    [InlineData(" 5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10")]
    [InlineData("0x0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Any_other_form_of_a_request_id_is_refused_as_the_deserializer_would(string requestId)
    {
        var problem = Assert.Single(Check(Contacts, $$"""{"requestId":"{{requestId}}","email":"a@example.com"}"""));
        Assert.StartsWith("requestId must be", problem, StringComparison.Ordinal);
        Assert.Contains("36-character", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"requestId":"{id}","email":"a\u0000b@example.com"}""", "email")]
    [InlineData("""{"requestId":"{id}","email":"a\u0007b@example.com"}""", "email")]
    [InlineData("""{"requestId":"{id}","email":"a\u202Eb@example.com"}""", "email")]
    [InlineData("""{"requestId":"{id}","email":"\ud800a@example.com"}""", "email")]
    [InlineData("""{"requestId":"{id}","email":"a@example.com","properties":{"firstname":"A\u0000"}}""", "properties.firstname")]
    [InlineData("""{"requestId":"{id}","email":"a@example.com","properties":{"\udc00":"x"}}""", "properties.'\\udc00'")]
    [InlineData("""{"requestId":"{id}","email":"a@example.com","e\u0000":"x"}""", "'e\\u0000'")]
    public void Text_no_CRM_field_should_hold_is_refused_and_named(string body, string path)
    {
        var problems = Check(Contacts, body.Replace("{id}", Id, StringComparison.Ordinal));
        var problem = Assert.Single(problems);
        Assert.StartsWith(path, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(problem, c => char.IsControl(c) || char.IsSurrogate(c) || c == '\u202E');
    }

    [Fact]
    public void Tabs_and_line_breaks_are_fine_in_ticket_content_and_property_values_only()
    {
        Assert.Empty(Check(Tickets, Ticket(subject: "Gears", content: "Line 1\r\n\tLine 2")));
        Assert.Equal("tickets[0].subject", Assert.Single(Check(Tickets, Ticket(subject: "Gears\njam", content: "c"))).Split(' ')[0]);
        Assert.Empty(Check(Contacts, $$$"""{"requestId":"{{{Id}}}","email":"a@example.com","properties":{"notes":"a\nb\tc"}}"""));
    }

    [Fact]
    public void A_huge_field_name_is_shortened_in_the_reason()
    {
        var name = new string('x', 300 * 1024);
        var problem = Assert.Single(Check(Contacts, $$"""{"requestId":"{{Id}}","email":"a@example.com","{{name}}":1}"""));
        Assert.InRange(problem.Length, 1, 200);
        Assert.Contains("is not a field", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1500.50", true)]
    [InlineData("-3", true)]
    [InlineData("0.5", true)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("1e3", false)]
    [InlineData("12 ", false)]
    [InlineData("--1", false)]
    public void A_deal_amount_given_as_a_string_must_spell_a_decimal_number(string amount, bool valid)
    {
        var problems = Check(Deals, Deal(amount));

        if (valid)
        {
            Assert.Empty(problems);
            return;
        }
        Assert.StartsWith("deals[0].amount must be a number", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deal_amount_of_half_a_million_digits_is_checked_and_refused_for_what_it_is()
    {
        var problem = Assert.Single(Check(Deals, Deal(new string('1', 500_000) + "x")));

        Assert.StartsWith("deals[0].amount must be a number", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_first_problems_are_listed_and_the_rest_counted()
    {
        var fields = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"unknown{i}\":1"));
        using var document = JsonDocument.Parse($$"""{"requestId":"{{Id}}","email":"a@example.com",{{fields}}}""");

        var checks = CommandSchemas.Check(Contacts, document.RootElement);

        Assert.Equal(5000, checks.Count);
        Assert.Equal(JsonChecks.MaxListedProblems, checks.Problems.Count);
    }

    [Fact]
    public void A_reason_is_printable_and_bounded_whatever_it_quotes()
    {
        var reason = FaultReason.Bound("Invalid: " + string.Concat(Enumerable.Repeat("a\0b\u001b[31m\u2028\ud800", 10_000)));

        Assert.InRange(reason.Length, 1, FaultReason.MaxLength);
        Assert.DoesNotContain(reason, c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028');
        Assert.StartsWith("Invalid: a\\u0000b\\u001B[31m\\u2028\\uD800a", reason, StringComparison.Ordinal);
        Assert.EndsWith("…", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_value_is_cut_between_characters_never_inside_one()
    {
        var quoted = FaultReason.Quote(string.Concat(Enumerable.Repeat("😀", 50)));

        Assert.EndsWith("…'", quoted, StringComparison.Ordinal);
        Assert.True(char.IsSurrogatePair(quoted[^4], quoted[^3]), quoted);
    }

    private static string Deal(string amount) =>
        $$"""{"requestId":"{{Id}}","contactId":"1","deals":[{"dealname":"D","amount":"{{amount}}","dealstage":"x"}]}""";

    private static IReadOnlyList<string> Check(string queue, string json)
    {
        using var document = JsonDocument.Parse(json);
        return CommandSchemas.Check(queue, document.RootElement).Problems;
    }

    private static string Ticket(string subject, string content) => JsonSerializer.Serialize(new
    {
        requestId = Id,
        contactId = "1",
        tickets = new[] { new { subject, content, category = "GENERAL_INQUIRY", pipeline = "0", pipelineStage = "1", priority = "LOW" } },
    }, JsonSerializerOptions.Web);
}
