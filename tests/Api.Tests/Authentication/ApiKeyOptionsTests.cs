using HubSpotCrm.Api.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Tests.Authentication;

/// <summary>The Api refuses to start with keys that would leave it open, guessable or ambiguous.</summary>
public sealed class ApiKeyOptionsTests
{
    private const string GoodKey = "0123456789abcdef0123";

    [Fact]
    public void No_key_and_not_disabled_refuses_to_start_and_says_how_to_fix_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind([]));

        Assert.Contains("ApiKeys:Keys:<client>", error.Message);
        Assert.Contains("ApiKeys__Keys__<client>", error.Message);
        Assert.Contains("ApiKeys:Disabled=true", error.Message);
    }

    [Fact]
    public void Empty_keys_count_as_not_configured()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["ApiKeys:Keys:billing"] = "" }));

        Assert.Contains("No API key is configured", error.Message);
    }

    [Fact]
    public void Operators_are_configured_clients_and_one_without_a_key_is_refused()
    {
        var options = Bind(new() { ["ApiKeys:Keys:ops"] = GoodKey, ["ApiKeys:Keys:shop"] = GoodKey + "x", ["ApiKeys:Operators:0"] = "ops" });
        Assert.Equal(["ops"], options.Operators);

        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["ApiKeys:Keys:shop"] = GoodKey, ["ApiKeys:Operators:0"] = "opps" }));
        Assert.Contains("ApiKeys:Operators names 'opps', which has no key in ApiKeys:Keys", error.Message);
    }

    [Fact]
    public void Disabled_needs_no_key()
    {
        var options = Bind(new() { ["ApiKeys:Disabled"] = "true" });

        Assert.True(options.Disabled);
        Assert.Empty(options.ConfiguredKeys);
    }

    [Fact]
    public void Several_clients_bind_from_environment_style_keys()
    {
        var options = Bind(new()
        {
            ["ApiKeys:Keys:billing"] = GoodKey,
            ["ApiKeys:Keys:support-desk"] = GoodKey + "x",
            ["ApiKeys:Keys:unused"] = "",
        });

        Assert.Equal(["billing", "support-desk"], options.ConfiguredKeys.Select(k => k.Key).Order());
        Assert.False(options.ProtectDocs);
    }

    [Fact]
    public void A_short_key_is_refused_naming_its_client_but_not_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["ApiKeys:Keys:billing"] = "short-secret" }));

        Assert.Contains("ApiKeys:Keys:billing", error.Message);
        Assert.Contains("shorter than 16", error.Message);
        Assert.DoesNotContain("short-secret", error.Message);
    }

    [Fact]
    public void A_key_longer_than_any_presented_key_may_be_is_refused()
    {
        var key = new string('k', ApiKeyOptions.MaximumKeyLength + 1);

        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["ApiKeys:Keys:billing"] = key }));

        Assert.Contains("ApiKeys:Keys:billing", error.Message);
        Assert.Contains($"longer than {ApiKeyOptions.MaximumKeyLength}", error.Message);
        Assert.DoesNotContain(key, error.Message);
    }

    [Theory]
    [InlineData("0123456789abcdef,0123")]
    [InlineData("0123456789 abcdef0123")]
    [InlineData("0123456789abcdef0123\t")]
    [InlineData("0123456789abcdéf0123")]
    public void A_key_no_HTTP_header_can_carry_as_one_value_is_refused(string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["ApiKeys:Keys:billing"] = key }));

        Assert.Contains("ApiKeys:Keys:billing", error.Message);
        Assert.Contains("visible ASCII", error.Message);
    }

    [Fact]
    public void Two_clients_with_the_same_key_are_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["ApiKeys:Keys:billing"] = GoodKey,
            ["ApiKeys:Keys:support"] = GoodKey,
        }));

        Assert.Contains("billing, support", error.Message);
        Assert.DoesNotContain(GoodKey, error.Message);
    }

    [Fact]
    public void A_client_name_that_cannot_be_logged_safely_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["ApiKeys:Keys:bad name!"] = GoodKey }));

        Assert.Contains("client name", error.Message);
    }

    private static ApiKeyOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName)).ValidateDataAnnotations();
        return services.BuildServiceProvider().GetRequiredService<IOptions<ApiKeyOptions>>().Value;
    }
}
