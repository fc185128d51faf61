using HubSpotCrm.EndToEnd.Tests.ScaleOut;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>
/// The scaled-out deployment (<see cref="ScaleOutStack"/>) on a RabbitMQ cluster: two Apis and three Workers on a virtual host of the 3-node
/// cluster (scripts/rabbitmq/cluster.sh), each given the three nodes in RabbitMq:Nodes and declaring quorum queues, the
/// default. The cluster starts before the services and is stopped and deleted after them. HubSpot's limits are ten times
/// its own here, in the emulator and the Workers alike: these tests are about the broker and the Workers coming and going,
/// and at HubSpot's 110 calls per 10 s each load would take minutes (the Workers sharing the real limit have their own
/// test, ScaleOut/SharedBudgetTests).
/// </summary>
public sealed class ClusterStack : ScaleOutStack
{
    public RabbitMqCluster Cluster { get; private set; } = null!;

    protected override void Configure(ServiceStackOptions options)
    {
        options.Emulator["Emulator__RateLimits__TenSecondly"] = "1100";
        options.Emulator["Emulator__RateLimits__SearchPerSecond"] = "50";
        options.Worker["HubSpot__RateLimits__TenSecondly"] = "1100";
        options.Worker["HubSpot__RateLimits__SearchPerSecond"] = "50";
    }

    public override async Task InitializeAsync()
    {
        Cluster = await RabbitMqCluster.StartAsync();
        await base.InitializeAsync();
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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
