using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// The stack with a second Api instance on the same virtual host and database, as a scaled-out deployment runs them:
/// both take submissions, and both consume the result events, so either may record a request's final state.
/// </summary>
public sealed class TwoApiStack : ServiceStack
{
    public ServiceProcess SecondApi { get; private set; } = null!;

    public ApiClient SecondClient { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SecondApi = ExtraApi.Create(this, "api-2", amqpUri: Broker.Users.Api.AmqpUri);
        await SecondApi.StartAsync();
        SecondClient = new ApiClient(SecondApi.BaseUrl);
    }

    public override async Task DisposeAsync()
    {
        SecondClient?.Dispose();
        if (SecondApi is not null)
        {
            await SecondApi.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TwoApiCollection : ICollectionFixture<TwoApiStack>
{
    public const string Name = "two-apis";
}
