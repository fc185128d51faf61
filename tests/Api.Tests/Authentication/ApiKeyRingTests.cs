using HubSpotCrm.Api.Authentication;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Tests.Authentication;

public sealed class ApiKeyRingTests
{
    private readonly ApiKeyRing _ring = new(Options.Create(new ApiKeyOptions
    {
        Keys = new() { ["billing"] = "billing-key-0123456789", ["support"] = "support-key-0123456789", ["retired"] = "" },
    }));

    [Theory]
    [InlineData("billing-key-0123456789", "billing")]
    [InlineData("support-key-0123456789", "support")]
    public void A_configured_key_names_its_client(string key, string client) => Assert.Equal(client, _ring.FindClient(key));

    [Theory]
    [InlineData("")]
    [InlineData("billing-key-012345678")]
    [InlineData("billing-key-01234567890")]
    [InlineData("BILLING-KEY-0123456789")]
    [InlineData(" billing-key-0123456789")]
    public void Anything_else_names_no_client(string key) => Assert.Null(_ring.FindClient(key));
}
