using System.Text;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Tests.Schemas;

/// <summary>Which request a refused message names, so that its CommandFailed reaches the request's status.</summary>
public sealed class RequestIdLocatorTests
{
    private static readonly Guid Id = Guid.Parse("5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10");

    [Theory]
    [InlineData("""{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10","email":"a@example.com"}""")]
    [InlineData("""{"email":"a@example.com","REQUESTID":"5f0c8a9e3b7e4c1a9a520d5f0e6f7a10"}""")]
    [InlineData("""{"deals":[{"requestId":"00000000-0000-0000-0000-000000000001"}],"requestId":"{5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10}"}""")]
    [InlineData("""{"\u0072equestId":"5F0C8A9E-3B7E-4C1A-9A52-0D5F0E6F7A10"}""")]
    public void Any_spelling_of_the_id_is_found_at_the_top_of_a_plain_message(string json) =>
        Assert.Equal(Id, RequestIdLocator.Find(Encoding.UTF8.GetBytes(json), envelope: false));

    [Fact]
    public void In_an_envelope_the_id_is_the_message_s()
    {
        var json = """{"messageId":"x","requestId":"00000000-0000-0000-0000-000000000001","message":{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"}}""";

        Assert.Equal(Id, RequestIdLocator.Find(Encoding.UTF8.GetBytes(json), envelope: true));
    }

    [Theory]
    [InlineData("""{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10","email":"a@example.com" """)]
    [InlineData("""{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"} trailing""")]
    [InlineData("""["5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"]""")]
    [InlineData("""{"requestId":"00000000-0000-0000-0000-000000000000"}""")]
    [InlineData("""{"requestId":"not-a-guid"}""")]
    [InlineData("""{"requestId":"\ud800"}""")]
    [InlineData("""{"request":{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"}}""")]
    public void A_message_that_is_not_JSON_throughout_or_names_no_id_at_its_top_names_none(string json) =>
        Assert.Null(RequestIdLocator.Find(Encoding.UTF8.GetBytes(json), envelope: false));

    [Fact]
    public void A_huge_message_is_read_through_for_its_id()
    {
        var json = $$"""{"padding":"{{new string('x', 8 * 1024 * 1024)}}","requestId":"{{Id}}"}""";

        Assert.Equal(Id, RequestIdLocator.Find(Encoding.UTF8.GetBytes(json), envelope: false));
    }

    [Fact]
    public void In_a_bulk_command_the_ids_are_its_items_each_once_in_order()
    {
        var second = Guid.Parse("0b6a1f4e-2c3d-4e5f-8a9b-0c1d2e3f4a5b");
        var json = $$$"""{"contacts":[{"email":"a@example.com","requestId":"{{{Id}}}"},{"requestId":"{{{second}}}","properties":{"requestId":"x"} },{"requestId":"{{{Id}}}"},"{{{Guid.NewGuid()}}}",[{"requestId":"{{{Guid.NewGuid()}}}"}],{"requestId":"not-a-guid"}],"note":{"requestId":"{{{Guid.NewGuid()}}}"} }""";

        Assert.Equal([Id, second], RequestIdLocator.FindAll(Encoding.UTF8.GetBytes(json), envelope: false, bulk: true));
        Assert.Equal([Id, second], RequestIdLocator.FindAll(Encoding.UTF8.GetBytes($$$"""{"messageId":"x","message":{{{json}}} }"""), envelope: true, bulk: true));
    }

    [Theory]
    [InlineData("""{"contacts":[{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"}""")]
    [InlineData("""{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10","contacts":{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"}}""")]
    [InlineData("""[{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10"}]""")]
    public void A_bulk_command_that_is_broken_or_holds_no_array_of_requests_names_none(string json) =>
        Assert.Empty(RequestIdLocator.FindAll(Encoding.UTF8.GetBytes(json), envelope: false, bulk: true));
}
