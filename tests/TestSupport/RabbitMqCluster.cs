using System.Diagnostics;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// A 3-node RabbitMQ cluster on this machine beside the shared node, started and stopped by
/// <c>scripts/rabbitmq/cluster.sh</c>: nodes 1-3 with AMQP on 127.0.0.1:5701-5703 and management on 15701-15703, guest
/// over loopback. A node can be killed (SIGKILL, a crash) and started again. Needs Debian's RabbitMQ and root, as
/// ./test.sh and CI run.
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private RabbitMqCluster(IReadOnlyList<string> nodes) => Nodes = nodes;

    /// <summary>The nodes' AMQP addresses, host:port, node 1 first: what <c>RabbitMq:Nodes</c> takes.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Node 1's management API (guest): it answers for the whole cluster.</summary>
    public Uri ManagementUri => ManagementUriOf(1);

    /// <summary>Node <paramref name="node"/>'s management API (guest), for when node 1 is down.</summary>
    public Uri ManagementUriOf(int node) => new($"http://guest:guest@127.0.0.1:{15700 + Index(node) + 1}/");

    public static async Task<RabbitMqCluster> StartAsync()
    {
        var output = await RunAsync("start");
        var nodes = output.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return nodes.Length == 3
            ? new RabbitMqCluster(nodes)
            : throw new InvalidOperationException($"cluster.sh start printed '{output.Trim()}', not the three nodes' addresses.");
    }

    /// <summary>AMQP to node <paramref name="node"/> (1-3) as guest, on the default vhost.</summary>
    public Uri AmqpUri(int node) => new($"amqp://guest:guest@{Nodes[Index(node)]}/");

    /// <summary>SIGKILLs the node's Erlang VM: no clean shutdown, its peers see it vanish.</summary>
    public Task KillAsync(int node) => RunAsync("kill", Index(node) + 1);

    /// <summary>Starts a killed node again from its data folder; returns once the cluster has three running nodes.</summary>
    public Task RestartAsync(int node) => RunAsync("restart", Index(node) + 1);

    /// <summary>Stops the nodes and deletes their data: the next start is a fresh cluster.</summary>
    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private int Index(int node) => node >= 1 && node <= Nodes.Count
        ? node - 1
        : throw new ArgumentOutOfRangeException(nameof(node), node, $"The cluster's nodes are 1 to {Nodes.Count}.");

    private static async Task<string> RunAsync(string command, int? node = null)
    {
        var script = Path.Combine(Repository.Root, "scripts", "rabbitmq", "cluster.sh");
        var start = new ProcessStartInfo("bash", node is { } n ? [script, command, n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        var what = node is null ? command : $"{command} {node}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {what} did not end within {ScriptTimeout.TotalMinutes:0} min: {await error}{await output}");
        }
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"cluster.sh {what} failed ({process.ExitCode}):\n{await error}{await output}");
    }
}
