using System.Security.Cryptography;
using System.Text;
using HubSpotCrm.Api.Idempotency;

namespace HubSpotCrm.Api.Tests.Idempotency;

/// <summary>
/// A number is its value, not its spelling: a retry that writes 1500 as 1500.0 or 1.5e3 is the same body, and so the
/// same request. Values are compared exactly, as decimals, never through a double.
/// </summary>
public sealed class CanonicalNumberTests
{
    [Theory]
    [InlineData("1500", "1500.0")]
    [InlineData("1500", "1.5e3")]
    [InlineData("1500", "1.5E+3")]
    [InlineData("1500", "15e2")]
    [InlineData("1500", "150000e-2")]
    [InlineData("1500", "0.015e5")]
    [InlineData("1500", "1500.000")]
    [InlineData("0", "-0")]
    [InlineData("0", "0.0")]
    [InlineData("0", "0e-7")]
    [InlineData("0.5", "5e-1")]
    [InlineData("0.5", "0.50")]
    [InlineData("-12.5", "-1.25e1")]
    [InlineData("0.000001", "1e-6")]
    [InlineData("1e400", "10e399")]
    [InlineData("123456789012345678901234567890", "1.23456789012345678901234567890e29")]
    public void Equal_numbers_written_differently_are_the_same_body(string number, string sameNumber) =>
        Assert.Equal(Hash(Body(number)), Hash(Body(sameNumber)));

    [Theory]
    [InlineData("1500", "1501")]
    [InlineData("1500", "-1500")]
    [InlineData("1500", "15000")]
    [InlineData("1500", "150")]
    [InlineData("0.1", "0.10000000000000001")] // equal as doubles, not as values
    [InlineData("1e400", "1e401")]
    [InlineData("1e999999999", "1e999999998")]
    [InlineData("9007199254740993", "9007199254740992")]
    public void Different_numbers_are_different_bodies(string number, string otherNumber) =>
        Assert.NotEqual(Hash(Body(number)), Hash(Body(otherNumber)));

    [Fact]
    public void A_number_is_not_the_string_of_its_digits() =>
        Assert.NotEqual(Hash(Body("1500")), Hash(Body("\"1500\"")));

    /// <summary>Keys stored before numbers were canonical keep matching their retries when the body spelled its numbers plainly.</summary>
    [Theory]
    [InlineData("""{"amount":1500,"contactId":100000001,"rate":-12.5,"tiny":0.000001}""")]
    [InlineData("""{"deals":[{"amount":10,"dealname":"D"}],"email":"a@example.com"}""")]
    public void Plainly_written_numbers_hash_as_they_did_before(string canonicalBody) =>
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalBody)), Hash(canonicalBody));

    [Fact]
    public void A_huge_exponent_is_hashed_without_writing_out_its_digits()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Hash(Body("1e999999999999999999999999"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    private static string Body(string number) => $$"""{"deals":[{"dealname":"D","amount":{{number}}}]}""";

    private static byte[] Hash(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Sha256(document.RootElement);
    }
}
