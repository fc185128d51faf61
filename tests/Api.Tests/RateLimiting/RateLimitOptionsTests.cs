using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Tests.RateLimiting;

/// <summary>Limits per client with a default, checked at start so a typo cannot leave a client on the wrong limit.</summary>
public sealed class RateLimitOptionsTests
{
    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["ApiKeys:Keys:billing"] = "billing-key-0123456789",
        ["ApiKeys:Keys:webshop"] = "webshop-key-0123456789",
        ["ApiKeys:Keys:retired"] = "",
    };

    [Fact]
    public void Without_settings_every_client_has_the_default_bucket_refilled_every_second()
    {
        var bucket = Bind([]).BucketFor("billing");

        Assert.Equal(100, bucket.TokensPerPeriod);
        Assert.Equal(200, bucket.TokenLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.ReplenishmentPeriod);
        Assert.Equal(0, bucket.QueueLimit);
    }

    [Fact]
    public void A_clients_own_limit_overrides_the_default_field_by_field_whatever_the_case_of_its_name()
    {
        var options = Bind(new()
        {
            ["RateLimits:Default:PermitsPerSecond"] = "20",
            ["RateLimits:Default:Burst"] = "40",
            ["RateLimits:Clients:Billing:PermitsPerSecond"] = "500",
        });

        Assert.Equal((500, 40), Limits(options, "billing"));
        Assert.Equal((20, 40), Limits(options, "webshop"));
    }

    [Theory]
    [InlineData("RateLimits:Default:PermitsPerSecond", "0", "RateLimits:Default:PermitsPerSecond is 0")]
    [InlineData("RateLimits:Default:Burst", "", "RateLimits:Default:Burst is empty")]
    [InlineData("RateLimits:Clients:billing:Burst", "-1", "RateLimits:Clients:billing:Burst is -1")]
    [InlineData("RateLimits:Clients:billing:PermitsPerSecond", "1000001", "from 1 to 1000000")]
    [InlineData("RateLimits:Clients:biling:PermitsPerSecond", "5", "RateLimits:Clients:biling names no API client")]
    public void A_limit_that_is_not_a_positive_number_of_requests_or_names_no_client_stops_the_start(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_refusal_of_an_unknown_client_lists_the_clients_there_are()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["RateLimits:Clients:shop:Burst"] = "5" }));

        Assert.Contains("billing, retired, webshop", error.Message);
    }

    [Fact]
    public void With_keys_disabled_the_anonymous_client_may_have_a_limit()
    {
        var options = Bind(new() { ["ApiKeys:Disabled"] = "true", ["RateLimits:Clients:anonymous:PermitsPerSecond"] = "3" });

        Assert.Equal(3, options.BucketFor(ApiKeyDefaults.AnonymousClient).TokensPerPeriod);
    }

    private static (int PermitsPerSecond, int Burst) Limits(RateLimitOptions options, string client)
    {
        var bucket = options.BucketFor(client);
        return (bucket.TokensPerPeriod, bucket.TokenLimit);
    }

    private static RateLimitOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Keys).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidation>();
        return services.BuildServiceProvider().GetRequiredService<IOptions<RateLimitOptions>>().Value;
    }
}
