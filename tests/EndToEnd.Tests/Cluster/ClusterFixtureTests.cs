using System.Net.NetworkInformation;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>The cluster the cluster tests run on: one cluster of three nodes, on loopback only.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFixtureTests(ClusterStack stack)
{
    private readonly RabbitMqCluster _cluster = stack.Cluster;

    [Fact]
    public async Task The_three_nodes_form_one_cluster()
    {
        Assert.Equal(["127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"], _cluster.Nodes);
        Assert.Equal(["hubspot-1@localhost", "hubspot-2@localhost", "hubspot-3@localhost"], await ClusterManagement.RunningNodesAsync(_cluster.ManagementUri));
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

    private async Task<IConnection> ConnectAsync(int node) =>
        await new ConnectionFactory { Uri = _cluster.AmqpUri(node), ClientProvidedName = $"cluster-test-node-{node}" }.CreateConnectionAsync();

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
