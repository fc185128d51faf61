using HubSpotCrm.Api.Validation;
using HubSpotCrm.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Tests.Webhooks;

/// <summary>Which target a submission's callback gets: its own Callback-Url under an allowed prefix, else its client's endpoint.</summary>
public sealed class CallbackTargetsTests
{
    private readonly CallbackTargets _targets = new(Options.Create(new WebhookOptions
    {
        Clients = new(StringComparer.Ordinal)
        {
            ["shop"] = new() { Url = "https://hooks.example.com/shop", Secret = "whsec_x", AllowedCallbackPrefixes = ["https://hooks.example.com/orders/"] },
            ["billing"] = new() { Url = "https://billing.example.com/done", Secret = "whsec_x" },
        },
    }));

    [Fact]
    public void Without_a_header_the_clients_endpoint_is_the_target_and_a_client_without_one_gets_none()
    {
        var errors = new ValidationErrors();

        Assert.Equal("https://hooks.example.com/shop", _targets.Choose("shop", null, errors));
        Assert.Null(_targets.Choose("unknown", null, errors));
        Assert.False(errors.HasErrors);
    }

    [Fact]
    public void A_callback_url_under_an_allowed_prefix_replaces_the_endpoint()
    {
        var errors = new ValidationErrors();

        Assert.Equal("https://hooks.example.com/orders/42", _targets.Choose("shop", "https://hooks.example.com/orders/42", errors));
        Assert.False(errors.HasErrors);
    }

    [Theory]
    [InlineData("shop", "https://hooks.example.com/other/42", "does not start with")]
    [InlineData("shop", "https://hooks.example.com.evil.net/orders/42", "does not start with")]
    [InlineData("shop", "HTTPS://HOOKS.EXAMPLE.COM/ORDERS/42", "does not start with")]
    [InlineData("billing", "https://billing.example.com/done", "no callback URL prefixes")]
    [InlineData("unknown", "https://hooks.example.com/orders/42", "no callback URL prefixes")]
    public void Any_other_callback_url_is_an_error_on_the_header(string client, string callbackUrl, string problem)
    {
        var errors = new ValidationErrors();

        Assert.Null(_targets.Choose(client, callbackUrl, errors));

        Assert.Contains(problem, Assert.Single(errors.ToDictionary()[CallbackTargets.CallbackUrlHeader]));
    }
}
