using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>
/// A deployment that scaled out on a RabbitMQ cluster: two Apis and three Workers on a virtual host of the 3-node
/// cluster (scripts/rabbitmq/cluster.sh), each given the three nodes in RabbitMq:Nodes and declaring quorum queues, the
/// default. The cluster starts before the services and is stopped and deleted after them. HubSpot's limits are ten times
/// its own here, in the emulator and the Workers alike: these tests are about the broker and the Workers coming and going,
/// and at HubSpot's 110 calls per 10 s each load would take minutes (the Workers sharing the real limit have their own
/// test, ScaleOut/SharedBudgetTests).
/// </summary>
public sealed class ClusterStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        options.Emulator["Emulator__RateLimits__TenSecondly"] = "1100";
        options.Emulator["Emulator__RateLimits__SearchPerSecond"] = "50";
        options.Worker["HubSpot__RateLimits__TenSecondly"] = "1100";
        options.Worker["HubSpot__RateLimits__SearchPerSecond"] = "50";
    }

    public RabbitMqCluster Cluster { get; private set; } = null!;

    public List<ServiceProcess> ExtraWorkers { get; } = [];

    public ServiceProcess SecondApi { get; private set; } = null!;

    public ApiClient SecondClient { get; private set; } = null!;

    public IEnumerable<ServiceProcess> Workers => [Worker, .. ExtraWorkers];

    public override async Task InitializeAsync()
    {
        Cluster = await RabbitMqCluster.StartAsync();
        await base.InitializeAsync();
        for (var i = 2; i <= 3; i++)
        {
            ExtraWorkers.Add(CreateWorker($"worker-{i}"));
        }
        SecondApi = ExtraApi.Create(this, "api-2", amqpUri: Broker.Users.Api.AmqpUri);
        await Task.WhenAll([.. ExtraWorkers.Select(w => w.StartAsync()), SecondApi.StartAsync()]);
        SecondClient = new ApiClient(SecondApi.BaseUrl);
    }

    protected override Task<IsolatedVirtualHost> CreateVirtualHostAsync() => IsolatedVirtualHost.CreateAsync(Cluster.AmqpUri(1), Cluster.ManagementUri);

    public override Dictionary<string, string> BrokerSettings(Uri amqpUri)
    {
        var settings = base.BrokerSettings(amqpUri);
        for (var i = 0; i < Cluster.Nodes.Count; i++)
        {
            settings[$"RabbitMq__Nodes__{i}"] = Cluster.Nodes[i];
        }
        return settings;
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

    /// <summary>The management API of <paramref name="node"/> on the stack's virtual host, for when another node is down.</summary>
    public RabbitMqManagement ManagementOf(int node) => new(Cluster.ManagementUriOf(node), Broker.Name);

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
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
