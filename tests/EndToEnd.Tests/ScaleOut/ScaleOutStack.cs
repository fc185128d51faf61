using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// What a deployment that scaled out runs: the stack with a second Api instance and two more Workers on the same
/// virtual host, database and HubSpot account, none with a share of the budget set. Both Apis take submissions and
/// consume the result events, so either may record a request's final state.
/// </summary>
public class ScaleOutStack : ServiceStack
{
    public List<ServiceProcess> ExtraWorkers { get; } = [];

    public ServiceProcess SecondApi { get; private set; } = null!;

    public ApiClient SecondClient { get; private set; } = null!;

    public IEnumerable<ServiceProcess> Workers => [Worker, .. ExtraWorkers];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 2; i <= 3; i++)
        {
            ExtraWorkers.Add(CreateWorker($"worker-{i}"));
        }
        SecondApi = ExtraApi.Create(this, "api-2", amqpUri: Broker.Users.Api.AmqpUri);
        await Task.WhenAll([.. ExtraWorkers.Select(w => w.StartAsync()), SecondApi.StartAsync()]);
        SecondClient = new ApiClient(SecondApi.BaseUrl);
    }

    /// <summary>One more Worker like the stack's, on the same account and virtual host, not started.</summary>
    public ServiceProcess CreateWorker(string name) => ExtraWorker.Create(this, name, settings =>
    {
        foreach (var (key, value) in Options.Worker)
        {
            settings[key] = value;
        }
        settings["HubSpot__BaseUrl"] = Emulator.BaseUrl.ToString();
    }, Broker.Users.Worker.AmqpUri);

    public override async Task DisposeAsync()
    {
        SecondClient?.Dispose();
        if (SecondApi is not null)
        {
            await SecondApi.DisposeAsync();
        }
        foreach (var worker in ExtraWorkers)
        {
            await worker.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutStack>
{
    public const string Name = "scale-out";
}
