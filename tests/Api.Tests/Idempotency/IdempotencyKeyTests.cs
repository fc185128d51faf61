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

    [Fact]
    public void A_submission_with_a_key_stands_for_the_same_request_id_on_every_attempt()
    {
        byte[] body = [1, 2, 3];
        var id = IdempotencyKey.RequestIdFor("shop", "order-42", "tickets", body);

        Assert.Equal(id, IdempotencyKey.RequestIdFor("shop", "order-42", "tickets", [1, 2, 3]));
        Assert.Equal(8, id.Version);
    }

    [Fact]
    public void Another_client_key_route_or_body_is_another_request()
    {
        byte[] body = [1, 2, 3];
        var id = IdempotencyKey.RequestIdFor("shop", "order-42", "tickets", body);

        Assert.NotEqual(id, IdempotencyKey.RequestIdFor("crm", "order-42", "tickets", body));
        Assert.NotEqual(id, IdempotencyKey.RequestIdFor("shop", "order-43", "tickets", body));
        Assert.NotEqual(id, IdempotencyKey.RequestIdFor("shop", "order-42", "deals", body));
        Assert.NotEqual(id, IdempotencyKey.RequestIdFor("shop", "order-42", "tickets", [1, 2, 4]));
        Assert.NotEqual(IdempotencyKey.RequestIdFor("ab", "c", "tickets", body), IdempotencyKey.RequestIdFor("a", "bc", "tickets", body));
    }
}
