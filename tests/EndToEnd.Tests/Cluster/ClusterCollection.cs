namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>Tests that share one 3-node RabbitMQ cluster (scripts/rabbitmq/cluster.sh). A test that kills a node starts it again.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "rabbitmq-cluster";
}
