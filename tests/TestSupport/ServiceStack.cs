using Xunit;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// The whole service as it runs in production: the emulator, the Worker and the Api as real processes, on the real
/// RabbitMQ (a virtual host of their own, each service logged in as its own user with only its own permissions) and
/// PostgreSQL (a database of their own).
/// </summary>
public class ServiceStack : IAsyncLifetime
{
    public ServiceStackOptions Options { get; } = new();

    public TestServers Servers { get; private set; } = null!;

    public IsolatedVirtualHost Broker { get; private set; } = null!;

    public IsolatedDatabase Database { get; private set; } = null!;

    public ServiceProcess Emulator { get; private set; } = null!;

    public ServiceProcess Worker { get; private set; } = null!;

    public ServiceProcess Api { get; private set; } = null!;

    public EmulatorClient EmulatorControl { get; private set; } = null!;

    public ApiClient ApiClient { get; private set; } = null!;

    /// <summary>Lets a derived fixture change settings before the processes start.</summary>
    protected virtual void Configure(ServiceStackOptions options)
    {
    }

    /// <summary>The virtual host the services run on: on the tests' shared broker unless a derived fixture has one of its own.</summary>
    protected virtual Task<IsolatedVirtualHost> CreateVirtualHostAsync() => IsolatedVirtualHost.CreateAsync(Servers);

    /// <summary>How a service reaches the broker as the user of <paramref name="amqpUri"/>: its RabbitMq settings.</summary>
    public virtual Dictionary<string, string> BrokerSettings(Uri amqpUri) => new() { ["RabbitMq__Uri"] = amqpUri.ToString() };

    public virtual async Task InitializeAsync()
    {
        Configure(Options);
        Servers = await TestServers.GetAsync();
        var broker = CreateVirtualHostAsync();
        var database = IsolatedDatabase.CreateAsync(Servers);
        Broker = await broker;
        Database = await database;

        Emulator = new ServiceProcess("emulator", "HubSpotEmulator", FreePort.Next(), Options.Emulator, readyPath: "/_emulator/health");
        await Emulator.StartAsync();
        EmulatorControl = new EmulatorClient(Emulator.BaseUrl);

        Worker = new ServiceProcess("worker", "HubSpotCrm.Worker", FreePort.Next(), new Dictionary<string, string>(Options.Worker)
        {
            ["HubSpot__BaseUrl"] = Emulator.BaseUrl.ToString(),
        }.With(BrokerSettings(Broker.Users.Worker.AmqpUri)));
        Api = new ServiceProcess("api", "HubSpotCrm.Api", FreePort.Next(), new Dictionary<string, string>(Options.Api)
        {
            ["ConnectionStrings__Requests"] = Database.ConnectionString,
        }.With(BrokerSettings(Broker.Users.Api.AmqpUri)));
        await Task.WhenAll(Worker.StartAsync(), Api.StartAsync());
        ApiClient = new ApiClient(Api.BaseUrl);
    }

    public virtual async Task DisposeAsync()
    {
        ApiClient?.Dispose();
        EmulatorControl?.Dispose();
        foreach (var process in new[] { Api, Worker, Emulator })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

public static class SettingsExtensions
{
    public static Dictionary<string, string> With(this Dictionary<string, string> settings, Dictionary<string, string> more)
    {
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }
}
