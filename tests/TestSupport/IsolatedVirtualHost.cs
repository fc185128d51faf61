namespace HubSpotCrm.TestSupport;

/// <summary>A RabbitMQ virtual host of its own, so a test's queues start empty and vanish afterwards.</summary>
public sealed class IsolatedVirtualHost : IAsyncDisposable
{
    private IsolatedVirtualHost(TestServers servers, string name)
    {
        Name = name;
        Management = new RabbitMqManagement(servers.ManagementUri, name);
        var amqp = new UriBuilder(servers.AmqpUri) { Path = "/" + Uri.EscapeDataString(name) };
        AmqpUri = amqp.Uri;
        User = Uri.UnescapeDataString(servers.AmqpUri.UserInfo.Split(':')[0]);
    }

    public string Name { get; }

    /// <summary>amqp://…/{vhost}: what the services' RabbitMq:Uri is set to.</summary>
    public Uri AmqpUri { get; }

    public string User { get; }

    public RabbitMqManagement Management { get; }

    public static async Task<IsolatedVirtualHost> CreateAsync(TestServers servers)
    {
        var vhost = new IsolatedVirtualHost(servers, $"test-{Guid.NewGuid():N}");
        await vhost.Management.CreateVirtualHostAsync(vhost.User);
        return vhost;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Management.DeleteVirtualHostAsync();
        }
        catch (HttpRequestException)
        {
            // The broker may be down after an outage test; the vhost is unique, so a leftover harms nothing.
        }
        Management.Dispose();
    }
}
