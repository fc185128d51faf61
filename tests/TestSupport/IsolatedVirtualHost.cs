namespace HubSpotCrm.TestSupport;

/// <summary>
/// A RabbitMQ virtual host of its own, so a test's queues start empty and vanish afterwards, with the broker users of
/// the Api, the Worker and publishers on it (<see cref="Users"/>, deleted with it).
/// </summary>
public sealed class IsolatedVirtualHost : IAsyncDisposable
{
    private IsolatedVirtualHost(Uri amqpUri, Uri managementUri, string name)
    {
        Name = name;
        Management = new RabbitMqManagement(managementUri, name);
        var amqp = new UriBuilder(amqpUri) { Path = "/" + Uri.EscapeDataString(name) };
        AmqpUri = amqp.Uri;
        User = Uri.UnescapeDataString(amqpUri.UserInfo.Split(':')[0]);
    }

    public string Name { get; }

    /// <summary>amqp://…/{vhost} as the tests' administrator: for what tests publish and inspect themselves.</summary>
    public Uri AmqpUri { get; }

    /// <summary>The components' own users on this vhost, with the permissions of scripts/rabbitmq/definitions.template.json.</summary>
    public BrokerUsers Users { get; private set; } = null!;

    public string User { get; }

    public RabbitMqManagement Management { get; }

    public static Task<IsolatedVirtualHost> CreateAsync(TestServers servers) => CreateAsync(servers.AmqpUri, servers.ManagementUri);

    /// <summary>On the broker of <paramref name="amqpUri"/> and <paramref name="managementUri"/> (an administrator's), another than the tests' shared one.</summary>
    public static async Task<IsolatedVirtualHost> CreateAsync(Uri amqpUri, Uri managementUri)
    {
        var vhost = new IsolatedVirtualHost(amqpUri, managementUri, $"test-{Guid.NewGuid():N}");
        await vhost.Management.CreateVirtualHostAsync(vhost.User);
        vhost.Users = await BrokerUsers.CreateAsync(vhost.Management, vhost.Name, vhost.AmqpUri);
        return vhost;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Users is not null)
            {
                await Users.DeleteAsync(Management);
            }
            await Management.DeleteVirtualHostAsync();
        }
        catch (HttpRequestException)
        {
            // The broker may be down after an outage test; the vhost is unique, so a leftover harms nothing.
        }
        Management.Dispose();
    }
}
