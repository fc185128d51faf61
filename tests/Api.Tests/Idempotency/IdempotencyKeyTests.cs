using HubSpotCrm.Api.Idempotency;

namespace HubSpotCrm.Api.Tests.Idempotency;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")]
    [InlineData("order:42/attempt~1+x=")]
    [InlineData("k")]
    public void Visible_ASCII_keys_are_accepted(string key) => Assert.True(IdempotencyKey.IsValid(key));

    [Fact]
    public void The_longest_key_is_255_characters()
    {
        Assert.True(IdempotencyKey.IsValid(new string('k', 255)));
        Assert.False(IdempotencyKey.IsValid(new string('k', 256)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("first,second")]
    [InlineData("tab\there")]
    [InlineData("clé")]
    [InlineData("line\nbreak")]
    public void Empty_spaced_listed_control_or_non_ASCII_keys_are_refused(string key) => Assert.False(IdempotencyKey.IsValid(key));
}
