using HubSpotCrm.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Tests.Messaging;

/// <summary>RabbitMq:QueueType as an operator writes it: either type in any case, and a clear refusal of anything else.</summary>
public sealed class QueueTypeSettingTests
{
    [Theory]
    [InlineData(null, BrokerQueueType.Quorum)]
    [InlineData("Quorum", BrokerQueueType.Quorum)]
    [InlineData("classic", BrokerQueueType.Classic)]
    [InlineData("CLASSIC", BrokerQueueType.Classic)]
    public void Either_type_is_taken_in_any_case_and_quorum_is_the_default(string? setting, BrokerQueueType expected) =>
        Assert.Equal(expected, Options(setting).QueueType);

    [Theory]
    [InlineData("Quorom")]
    [InlineData("mirrored")]
    [InlineData("stream")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1")]
    public void A_value_that_names_no_type_stops_the_start_naming_the_setting_the_value_and_the_types(string setting)
    {
        var refusal = Assert.Throws<OptionsValidationException>(() => Options(setting));

        Assert.Equal($"RabbitMq:QueueType is '{setting}', which is no queue type: use Quorum or Classic.", refusal.Message);
    }

    private static RabbitMqOptions Options(string? queueType)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RabbitMq:QueueType"] = queueType })
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRabbitMqOptions().BuildServiceProvider();
        return services.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
    }
}
