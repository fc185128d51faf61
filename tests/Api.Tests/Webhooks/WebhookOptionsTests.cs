using HubSpotCrm.Api.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Tests.Webhooks;

/// <summary>The Api refuses to start with callbacks it could not sign, or that would go where a caller's may not.</summary>
public sealed class WebhookOptionsTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void A_client_with_an_endpoint_and_a_secret_is_configured()
    {
        var options = Bind(new() { ["Webhooks:Clients:shop:Url"] = "https://hooks.example.com/shop", ["Webhooks:Clients:shop:Secret"] = Secret });

        Assert.Equal("https://hooks.example.com/shop", options.For("shop")?.Url);
        Assert.Null(options.For("billing"));
    }

    [Fact]
    public void An_entry_of_empty_values_as_compose_passes_unset_variables_asks_for_no_callbacks()
    {
        var options = Bind(new()
        {
            ["Webhooks:Clients:default:Url"] = "",
            ["Webhooks:Clients:default:Secret"] = "",
            ["Webhooks:Clients:default:AllowedCallbackPrefixes:0"] = "",
        });

        Assert.Null(options.For("default"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_short")]
    [InlineData("whsec_not base64 at all!")]
    public void An_endpoint_without_a_good_secret_is_refused(string? secret)
    {
        var settings = new Dictionary<string, string?> { ["Webhooks:Clients:shop:Url"] = "https://hooks.example.com/shop" };
        if (secret is not null)
        {
            settings["Webhooks:Clients:shop:Secret"] = secret;
        }

        var error = Assert.Throws<OptionsValidationException>(() => Bind(settings));

        Assert.Contains("Webhooks:Clients:shop: Secret must be whsec_", error.Message);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, error.Message);
        }
    }

    [Theory]
    [InlineData("http://hooks.example.com/shop", "must use https")]
    [InlineData("https://10.0.0.7/shop", "loopback, private or link-local")]
    [InlineData("hooks.example.com/shop", "absolute https URL")]
    public void A_configured_endpoint_obeys_the_rules_a_callback_url_does(string url, string reason)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Webhooks:Clients:shop:Url"] = url, ["Webhooks:Clients:shop:Secret"] = Secret }));

        Assert.Contains("Webhooks:Clients:shop: Url must", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_callback_prefix_that_ends_at_the_host_is_refused_as_it_would_allow_other_hosts()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Webhooks:Clients:shop:Secret"] = Secret,
            ["Webhooks:Clients:shop:AllowedCallbackPrefixes:0"] = "https://hooks.example.com",
        }));

        Assert.Contains("must go on past the host", error.Message);
    }

    [Fact]
    public void Local_and_plain_http_targets_need_their_settings()
    {
        var options = Bind(new()
        {
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:Clients:shop:Url"] = "http://127.0.0.1:9000/shop",
            ["Webhooks:Clients:shop:Secret"] = Secret,
        });

        Assert.Equal("http://127.0.0.1:9000/shop", options.For("shop")?.Url);
    }

    [Fact]
    public void Delays_default_to_growing_ones_and_are_replaced_not_appended_when_configured()
    {
        Assert.Equal(WebhookOptions.DefaultDelays, Bind([]).EffectiveDelays);

        var options = Bind(new() { ["Webhooks:Delays:0"] = "00:00:01", ["Webhooks:Delays:1"] = "00:00:02" });

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], options.EffectiveDelays);
    }

    [Fact]
    public void One_endpoint_may_not_hold_more_than_its_clients_delivery_slots()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Webhooks:ConcurrentDeliveries"] = "64", ["Webhooks:ConcurrencyPerEndpoint"] = "33" }));

        Assert.Contains("must be at most half of Webhooks:ConcurrentDeliveries (64)", error.Message);
    }

    private static WebhookOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations();
        return services.BuildServiceProvider().GetRequiredService<IOptions<WebhookOptions>>().Value;
    }
}
