using HubSpotCrm.Api.Idempotency;

namespace HubSpotCrm.Api.Tests.Idempotency;

/// <summary>A retried body that is only re-serialized is the same body; any change to what it says is not.</summary>
public sealed class CanonicalJsonTests
{
    private const string Body = """{"email":"a@example.com","deals":[{"dealname":"D","amount":10}],"note":"é"}""";

    [Theory]
    [InlineData("""{ "email" : "a@example.com", "deals" : [ { "dealname" : "D", "amount" : 10 } ], "note" : "é" }""")]
    [InlineData("""{"note":"é","deals":[{"amount":10,"dealname":"D"}],"email":"a@example.com"}""")]
    [InlineData("{\n  \"email\": \"a@example.com\",\n  \"deals\": [{\"dealname\": \"D\", \"amount\": 10}],\n  \"note\": \"\\u00e9\"\n}")]
    public void Whitespace_member_order_and_escaping_do_not_matter(string sameBody) =>
        Assert.Equal(Hash(Body), Hash(sameBody));

    [Theory]
    [InlineData("""{"email":"b@example.com","deals":[{"dealname":"D","amount":10}],"note":"é"}""")]
    [InlineData("""{"email":"a@example.com","deals":[{"dealname":"D","amount":11}],"note":"é"}""")]
    [InlineData("""{"email":"a@example.com","deals":[{"dealname":"D","amount":"10"}],"note":"é"}""")]
    [InlineData("""{"email":"a@example.com","deals":[{"dealname":"D","amount":10}]}""")]
    [InlineData("""{"email":"a@example.com","deals":[{"dealname":"D","amount":10}],"note":"é","extra":null}""")]
    [InlineData("""{"email":"a@example.com","deals":[{"dealname":"D","amount":10},{"dealname":"E","amount":1}],"note":"é"}""")]
    public void A_changed_value_or_member_matters(string otherBody) =>
        Assert.NotEqual(Hash(Body), Hash(otherBody));

    [Fact]
    public void Array_order_matters()
    {
        Assert.NotEqual(Hash("""{"dealIds":["1","2"]}"""), Hash("""{"dealIds":["2","1"]}"""));
    }

    [Fact]
    public void The_hash_is_a_SHA_256()
    {
        Assert.Equal(32, Hash(Body).Length);
    }

    private static byte[] Hash(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Sha256(document.RootElement);
    }
}
