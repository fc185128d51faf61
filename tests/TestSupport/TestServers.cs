using System.Net.Sockets;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// The RabbitMQ and PostgreSQL servers the tests run against. Locally started servers by default (./test.sh starts
/// them; TEST_RABBITMQ_URI, TEST_RABBITMQ_MANAGEMENT_URI and TEST_POSTGRES point elsewhere); Testcontainers when
/// TEST_USE_CONTAINERS=true, or when no local server answers and a Docker daemon is present. A server that cannot be reached fails the run with a message that
/// says how to start it: tests are never skipped silently.
/// </summary>
public sealed class TestServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestServers? _instance;

    private TestServers(Uri amqp, Uri management, string postgres)
    {
        AmqpUri = amqp;
        ManagementUri = management;
        PostgresAdminConnectionString = postgres;
    }

    /// <summary>amqp://user:pass@host:port/ of the default virtual host.</summary>
    public Uri AmqpUri { get; }

    /// <summary>http://user:pass@host:15672/ of the management API.</summary>
    public Uri ManagementUri { get; }

    /// <summary>A login that may create and drop databases.</summary>
    public string PostgresAdminConnectionString { get; }

    public static async Task<TestServers> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<TestServers> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("TEST_USE_CONTAINERS") == "true")
        {
            return await StartContainersAsync();
        }
        var amqp = new Uri(Environment.GetEnvironmentVariable("TEST_RABBITMQ_URI") ?? "amqp://guest:guest@127.0.0.1:5672/");
        var management = new Uri(Environment.GetEnvironmentVariable("TEST_RABBITMQ_MANAGEMENT_URI") ?? "http://guest:guest@127.0.0.1:15672/");
        var postgres = Environment.GetEnvironmentVariable("TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=app;Password=app;Database=postgres;Timeout=5";
        var servers = new TestServers(amqp, management, postgres);
        try
        {
            await servers.CheckReachableAsync();
            return servers;
        }
        catch (InvalidOperationException) when (!ServersConfigured() && DockerIsPresent())
        {
            return await StartContainersAsync();
        }
    }

    private static bool ServersConfigured() =>
        new[] { "TEST_RABBITMQ_URI", "TEST_RABBITMQ_MANAGEMENT_URI", "TEST_POSTGRES" }.Any(n => Environment.GetEnvironmentVariable(n) is not null);

    private static bool DockerIsPresent() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is not null || File.Exists("/var/run/docker.sock");

    private static async Task<TestServers> StartContainersAsync()
    {
        var rabbit = new RabbitMqBuilder("rabbitmq:3.10-management").WithPortBinding(15672, true).Build();
        var postgres = new PostgreSqlBuilder("postgres:15").Build();
        await Task.WhenAll(rabbit.StartAsync(), postgres.StartAsync());
        var amqp = new Uri(rabbit.GetConnectionString());
        var management = new UriBuilder("http", rabbit.Hostname, rabbit.GetMappedPublicPort(15672)) { UserName = "rabbitmq", Password = "rabbitmq" }.Uri;
        return new TestServers(amqp, management, postgres.GetConnectionString());
    }

    private async Task CheckReachableAsync()
    {
        const string HowTo = "Start the local servers with `sudo ./scripts/local-servers.sh` (./test.sh does this for you), " +
                             "or point TEST_RABBITMQ_URI, TEST_RABBITMQ_MANAGEMENT_URI and TEST_POSTGRES at running servers.";
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(AmqpUri.Host, AmqpUri.IsDefaultPort ? 5672 : AmqpUri.Port).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"RabbitMQ is not reachable at {AmqpUri.Host}:{AmqpUri.Port} ({exception.Message}). {HowTo}", exception);
        }
        try
        {
            using var management = new RabbitMqManagement(ManagementUri, "/");
            await management.OverviewAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"The RabbitMQ management API is not reachable at {ManagementUri.GetLeftPart(UriPartial.Authority)} ({exception.Message}); " +
                $"enable it with `rabbitmq-plugins enable rabbitmq_management`. {HowTo}", exception);
        }
        try
        {
            await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"PostgreSQL is not reachable with '{new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Password = "***" }}' ({exception.Message}). {HowTo}", exception);
        }
    }
}
