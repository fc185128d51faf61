using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HubSpotCrm.TestSupport;

/// <summary>The RabbitMQ management HTTP API, for one virtual host: what operators see, used to check what tests did.</summary>
public sealed class RabbitMqManagement : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _vhost;

    public RabbitMqManagement(Uri managementUri, string virtualHost)
    {
        _vhost = Uri.EscapeDataString(virtualHost);
        _http = new HttpClient { BaseAddress = new Uri(managementUri.GetLeftPart(UriPartial.Authority) + "/api/"), Timeout = TimeSpan.FromSeconds(15) };
        var credentials = Uri.UnescapeDataString(managementUri.UserInfo is { Length: > 0 } info ? info : "guest:guest");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    public async Task OverviewAsync() => (await _http.GetAsync("overview")).EnsureSuccessStatusCode();

    public async Task CreateVirtualHostAsync(string user)
    {
        (await _http.PutAsync($"vhosts/{_vhost}", null)).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"permissions/{_vhost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync() => await _http.DeleteAsync($"vhosts/{_vhost}");

    /// <summary>A broker user (users belong to the whole broker, not to one virtual host), created or updated.</summary>
    public async Task PutUserAsync(string name, string password, string tags) =>
        (await _http.PutAsJsonAsync($"users/{Uri.EscapeDataString(name)}", new { password, tags })).EnsureSuccessStatusCode();

    public async Task DeleteUserAsync(string name) => await _http.DeleteAsync($"users/{Uri.EscapeDataString(name)}");

    /// <summary>The user's configure, write and read patterns on this virtual host.</summary>
    public async Task SetPermissionsAsync(string user, string configure, string write, string read) =>
        (await _http.PutAsJsonAsync($"permissions/{_vhost}/{Uri.EscapeDataString(user)}", new { configure, write, read })).EnsureSuccessStatusCode();

    /// <summary>At most <paramref name="connections"/> new connections to this virtual host (null: no limit); open ones stay.</summary>
    public async Task LimitConnectionsAsync(int? connections) =>
        (connections is { } limit
            ? await _http.PutAsJsonAsync($"vhost-limits/{_vhost}/max-connections", new { value = limit })
            : await _http.DeleteAsync($"vhost-limits/{_vhost}/max-connections")).EnsureSuccessStatusCode();

    /// <summary>The client connections to this virtual host: who connected as which user, under which connection name.</summary>
    public async Task<IReadOnlyList<ConnectionInfo>> ConnectionsAsync()
    {
        var connections = await _http.GetFromJsonAsync<JsonArray>($"vhosts/{_vhost}/connections?columns=user,client_properties") ?? [];
        return [.. connections.Select(c => new ConnectionInfo(
            c!["user"]!.GetValue<string>(),
            c["client_properties"]?["connection_name"]?.GetValue<string>()))];
    }

    /// <summary>All queues of the vhost with their message counts (ready + unacknowledged), as the management UI shows them.</summary>
    public async Task<IReadOnlyList<QueueInfo>> QueuesAsync()
    {
        var queues = await _http.GetFromJsonAsync<JsonArray>($"queues/{_vhost}?columns=name,messages,messages_ready,messages_unacknowledged,arguments,consumers,type")
            ?? [];
        return [.. queues.Select(q => new QueueInfo(
            q!["name"]!.GetValue<string>(),
            q["messages"]?.GetValue<long>() ?? 0,
            q["messages_ready"]?.GetValue<long>() ?? 0,
            q["arguments"]?.ToJsonString() ?? "{}",
            q["consumers"]?.GetValue<long>() ?? 0,
            q["type"]?.GetValue<string>() ?? "classic"))];
    }

    /// <summary>A durable queue with the given arguments (underscores in their names become dashes: x_message_ttl is x-message-ttl).</summary>
    public async Task DeclareQueueAsync(string name, object arguments)
    {
        var named = JsonSerializer.SerializeToNode(arguments)!.AsObject().ToDictionary(p => p.Key.Replace('_', '-'), p => p.Value?.DeepClone());
        (await _http.PutAsJsonAsync($"queues/{_vhost}/{Uri.EscapeDataString(name)}", new { durable = true, arguments = named })).EnsureSuccessStatusCode();
    }

    public async Task DeleteQueueAsync(string name) =>
        (await _http.DeleteAsync($"queues/{_vhost}/{Uri.EscapeDataString(name)}")).EnsureSuccessStatusCode();

    public async Task<QueueInfo?> QueueAsync(string name) => (await QueuesAsync()).FirstOrDefault(q => q.Name == name);

    /// <summary>Each queue's type (classic, quorum, stream) and durability, by queue name.</summary>
    public async Task<IReadOnlyDictionary<string, (string Type, bool Durable)>> QueueTypesAsync()
    {
        var queues = await _http.GetFromJsonAsync<JsonArray>($"queues/{_vhost}?columns=name,type,durable") ?? [];
        return queues.ToDictionary(q => q!["name"]!.GetValue<string>(), q => (q!["type"]!.GetValue<string>(), q["durable"]!.GetValue<bool>()));
    }

    /// <summary>The bindings into a queue from exchanges, the default exchange's left out (every queue has it).</summary>
    public async Task<IReadOnlyList<BindingInfo>> BindingsAsync(string queue)
    {
        var bindings = await _http.GetFromJsonAsync<JsonArray>($"queues/{_vhost}/{Uri.EscapeDataString(queue)}/bindings") ?? [];
        return [.. bindings
            .Select(b => new BindingInfo(b!["source"]!.GetValue<string>(), b["routing_key"]!.GetValue<string>(), b["arguments"]?.ToJsonString() ?? "{}"))
            .Where(b => b.Source.Length > 0)
            .OrderBy(b => b.Source, StringComparer.Ordinal)
            .ThenBy(b => b.RoutingKey, StringComparer.Ordinal)
            .ThenBy(b => b.Arguments, StringComparer.Ordinal)];
    }

    /// <summary>The names of the vhost's dynamic shovels (runtime parameters of the shovel plugin).</summary>
    public async Task<IReadOnlyList<string>> ShovelsAsync()
    {
        var shovels = await _http.GetFromJsonAsync<JsonArray>($"parameters/shovel/{_vhost}") ?? [];
        return [.. shovels.Select(s => s!["name"]!.GetValue<string>())];
    }

    /// <summary>Messages published to a queue since it was created: counts messages the worker already took.</summary>
    public async Task<long> PublishedCountAsync(string queue)
    {
        var response = await _http.GetAsync($"queues/{_vhost}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body?["message_stats"]?["publish"]?.GetValue<long>() ?? 0;
    }

    /// <summary>
    /// What the broker counted for a queue since it was created: published, delivered (deliver_get), redelivered and
    /// acknowledged messages. The broker refreshes these every few seconds.
    /// </summary>
    public async Task<QueueStats> StatsAsync(string queue)
    {
        var response = await _http.GetAsync($"queues/{_vhost}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return new QueueStats(0, 0, 0, 0);
        }
        var stats = (await response.Content.ReadFromJsonAsync<JsonObject>())?["message_stats"];
        long Count(string name) => stats?[name]?.GetValue<long>() ?? 0;
        return new QueueStats(Count("publish"), Count("deliver_get"), Count("redeliver"), Count("ack"));
    }

    /// <summary>Publishes a raw body the way a non-.NET client would: no MassTransit headers at all.</summary>
    public async Task PublishAsync(string exchange, string routingKey, string body, IDictionary<string, object>? headers = null, string? contentType = "application/json")
    {
        var properties = new Dictionary<string, object> { ["delivery_mode"] = 2 };
        if (contentType is not null)
        {
            properties["content_type"] = contentType;
        }
        if (headers is not null)
        {
            properties["headers"] = headers;
        }
        var exchangeName = exchange.Length == 0 ? "amq.default" : exchange;
        var response = await _http.PostAsJsonAsync($"exchanges/{_vhost}/{Uri.EscapeDataString(exchangeName)}/publish",
            new { properties, routing_key = routingKey, payload = body, payload_encoding = "string" });
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (result?["routed"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"The broker routed the message to no queue (exchange '{exchangeName}', key '{routingKey}').");
        }
    }

    /// <summary>Reads messages from a queue and puts them back (requeue), to look at what sits in an _error queue.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, int count = 100)
    {
        var response = await _http.PostAsJsonAsync($"queues/{_vhost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 50000 });
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonArray>() ?? [];
        return [.. messages.Select(m => new PeekedMessage(
            m!["payload"]!.GetValue<string>(),
            m["properties"]?["headers"] as JsonObject ?? []))];
    }

    /// <summary>The broker's names ("client:port -> broker:port") of the vhost's open connections whose client named them <paramref name="clientName"/>.</summary>
    public async Task<IReadOnlyList<string>> ConnectionsAsync(string clientName)
    {
        var connections = await _http.GetFromJsonAsync<JsonArray>($"vhosts/{_vhost}/connections?columns=name,client_properties") ?? [];
        return [.. connections
            .Where(c => c?["client_properties"]?["connection_name"]?.GetValue<string>() == clientName)
            .Select(c => c!["name"]!.GetValue<string>())];
    }

    /// <summary>Closes a connection from the broker's side, as an operator or a failing node does.</summary>
    public async Task CloseConnectionAsync(string name) =>
        (await _http.DeleteAsync($"connections/{Uri.EscapeDataString(name)}")).EnsureSuccessStatusCode();

    public void Dispose() => _http.Dispose();
}

public sealed record ConnectionInfo(string User, string? Name);

public sealed record BindingInfo(string Source, string RoutingKey, string Arguments);

public sealed record QueueInfo(string Name, long Messages, long Ready, string Arguments, long Consumers, string Type);

public sealed record QueueStats(long Published, long Delivered, long Redelivered, long Acknowledged);

public sealed record PeekedMessage(string Payload, JsonObject Headers)
{
    public string? Header(string name) => Headers.TryGetPropertyValue(name, out var value) ? value?.ToString() : null;

    public JsonDocument Json() => JsonDocument.Parse(Payload);
}
