namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>The cluster of <see cref="ClusterCollection"/>: started once for its tests, stopped and deleted after them.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private RabbitMqCluster? _cluster;

    public RabbitMqCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await RabbitMqCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
