using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>The cluster the cluster tests and the benchmark run on: one cluster of three nodes, on loopback only, whose quorum
/// queues keep a confirmed message through the crash of their leader's node.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFixtureTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ElectionTimeout = TimeSpan.FromSeconds(60);

    private readonly RabbitMqCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task The_three_nodes_form_one_cluster()
    {
        Assert.Equal(["127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"], _cluster.Nodes);
        Assert.Equal(["hubspot-1@localhost", "hubspot-2@localhost", "hubspot-3@localhost"], await RunningNodesAsync(_cluster.ManagementUri));
        for (var node = 1; node <= 3; node++)
        {
            await using var connection = await ConnectAsync(node);
            Assert.True(connection.IsOpen);
        }
    }

    [Fact]
    public async Task Every_port_of_the_cluster_listens_on_loopback_only()
    {
        int[] ports = [5701, 5702, 5703, 15701, 15702, 15703, 25701, 25702, 25703, 4371];
        var listeners = await ListenersAsync();
        foreach (var port in ports)
        {
            var addresses = listeners.Where(l => l.Port == port).Select(l => l.Address).ToList();
            Assert.True(addresses.Count > 0, $"Nothing listens on port {port}.");
            Assert.All(addresses, address => Assert.True(IPAddress.IsLoopback(address), $"Port {port} listens on {address}."));
        }
        foreach (var address in MachineAddresses())
        {
            foreach (var port in ports)
            {
                using var client = new TcpClient(address.AddressFamily);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var refused = await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(address, port, timeout.Token));
                Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            }
        }
    }

    [Fact]
    public async Task A_quorum_queue_keeps_a_confirmed_message_through_the_crash_of_its_leaders_node()
    {
        var queue = $"cluster-test-{Guid.NewGuid():N}";
        var body = Encoding.UTF8.GetBytes($"kept through the crash of node 1 ({queue})");
        await using (var connection = await ConnectAsync(1))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            // Confirmed: a majority of the queue's members has the message on disk.
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { DeliveryMode = DeliveryModes.Persistent }, body);
        }
        var declared = await QueueAsync(_cluster.ManagementUri, queue);
        Assert.Equal(["hubspot-1@localhost", "hubspot-2@localhost", "hubspot-3@localhost"], Members(declared));
        Assert.Equal("hubspot-1@localhost", Leader(declared));

        await _cluster.KillAsync(1);
        try
        {
            var node2 = _cluster.ManagementUriOf(2);
            await Eventually.TrueAsync(async () => (await RunningNodesAsync(node2)).SequenceEqual(["hubspot-2@localhost", "hubspot-3@localhost"]),
                "node 2 to see node 1 down", ElectionTimeout);
            var elected = await Eventually.GetAsync(() => QueueAsync(node2, queue),
                q => Leader(q) is "hubspot-2@localhost" or "hubspot-3@localhost", "a new leader on node 2 or 3", ElectionTimeout);
            Assert.Equal(["hubspot-2@localhost", "hubspot-3@localhost"], Members(elected, "online"));

            await using var connection = await ConnectAsync(2);
            await using var channel = await connection.CreateChannelAsync();
            var message = await Eventually.GetAsync(() => channel.BasicGetAsync(queue, autoAck: true), m => m is not null,
                "the message through node 2", ElectionTimeout);
            Assert.Equal(body, message!.Body.ToArray());
        }
        finally
        {
            await _cluster.RestartAsync(1);
        }

        Assert.Equal(["hubspot-1@localhost", "hubspot-2@localhost", "hubspot-3@localhost"], await RunningNodesAsync(_cluster.ManagementUri));
        await Eventually.TrueAsync(async () => Members(await QueueAsync(_cluster.ManagementUri, queue), "online").Count == 3,
            "node 1 back online in the queue", ElectionTimeout);
    }

    private async Task<IConnection> ConnectAsync(int node) =>
        await new ConnectionFactory { Uri = _cluster.AmqpUri(node), ClientProvidedName = $"cluster-test-node-{node}" }.CreateConnectionAsync();

    private static async Task<IReadOnlyList<string>> RunningNodesAsync(Uri management)
    {
        var nodes = await GetAsync(management, "nodes?columns=name,running");
        return [.. nodes.EnumerateArray().Where(n => n.GetProperty("running").GetBoolean()).Select(n => n.GetProperty("name").GetString()!).Order()];
    }

    // A quorum queue with a member down has "online" twice in RabbitMQ 3.10's answer: JsonElement takes the last one.
    private static Task<JsonElement> QueueAsync(Uri management, string queue) =>
        GetAsync(management, $"queues/%2F/{Uri.EscapeDataString(queue)}");

    private static List<string> Members(JsonElement queue, string property = "members") =>
        [.. queue.GetProperty(property).EnumerateArray().Select(n => n.GetString()!).Order()];

    private static string? Leader(JsonElement queue) => queue.TryGetProperty("leader", out var leader) ? leader.GetString() : null;

    private static async Task<JsonElement> GetAsync(Uri management, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        using var json = JsonDocument.Parse(await http.GetStringAsync(path));
        return json.RootElement.Clone();
    }

    /// <summary>Every TCP listener on the machine, as the kernel has it (ss).</summary>
    private static async Task<IReadOnlyList<IPEndPoint>> ListenersAsync()
    {
        using var ss = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ss", ["-Hltn"]) { RedirectStandardOutput = true })!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        Assert.Equal(0, ss.ExitCode);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])
            .Select(local => IPEndPoint.Parse(local.Replace("*:", "[::]:", StringComparison.Ordinal)))];
    }

    /// <summary>This machine's addresses other than loopback: what another machine would connect to.</summary>
    private static IEnumerable<IPAddress> MachineAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal);
}
