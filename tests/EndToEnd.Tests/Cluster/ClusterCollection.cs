namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>
/// Tests that share one 3-node RabbitMQ cluster (scripts/rabbitmq/cluster.sh) and the services on it (<see cref="ClusterStack"/>).
/// A test that kills a node or a Worker starts it again.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterStack>
{
    public const string Name = "rabbitmq-cluster";
}
