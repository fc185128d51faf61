using System.Net.Http.Headers;
using System.Text;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>What a node's management API says about the cluster: its running nodes, and a quorum queue's leader and members.</summary>
public static class ClusterManagement
{
    public static async Task<IReadOnlyList<string>> RunningNodesAsync(Uri management)
    {
        var nodes = await GetAsync(management, "nodes?columns=name,running");
        return [.. nodes.EnumerateArray().Where(n => n.GetProperty("running").GetBoolean()).Select(n => n.GetProperty("name").GetString()!).Order()];
    }

    // A quorum queue with a member down has "online" twice in RabbitMQ 3.10's answer: JsonElement takes the last one.
    public static Task<JsonElement> QueueAsync(Uri management, string vhost, string queue) =>
        GetAsync(management, $"queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}");

    public static List<string> Members(JsonElement queue, string property = "members") =>
        queue.TryGetProperty(property, out var members) ? [.. members.EnumerateArray().Select(n => n.GetString()!).Order()] : [];

    public static string? Leader(JsonElement queue) => queue.TryGetProperty("leader", out var leader) ? leader.GetString() : null;

    /// <summary>The number (1-3) of a node named hubspot-N@localhost.</summary>
    public static int NodeNumber(string node) => node["hubspot-".Length] - '0';

    private static async Task<JsonElement> GetAsync(Uri management, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        using var json = JsonDocument.Parse(await http.GetStringAsync(path));
        return json.RootElement.Clone();
    }
}
