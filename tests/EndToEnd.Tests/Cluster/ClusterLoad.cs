using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.FaultSuite;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Cluster;

/// <summary>
/// A <see cref="MixedLoad"/> sent as a deployment's clients send it: half through the two Apis, by callers that retry
/// each 503 with the same Idempotency-Key until it is accepted, and half published to the bus as plain JSON by
/// publishers that connect to any node and publish each command again, with the same request id, until the broker
/// confirms it. Counts what the callers met, with when.
/// </summary>
public sealed class ClusterLoad(ClusterStack stack, MixedLoad load)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<TimeSpan> _unavailable = [];
    private readonly ConcurrentQueue<string> _unexpected = [];
    private int _republished;

    public MixedLoad Load => load;

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>When each 503 was answered, since the load began.</summary>
    public IReadOnlyCollection<TimeSpan> Unavailable => _unavailable;

    /// <summary>Anything but 202, 200 and 503 over HTTP: none is expected.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>Bus commands published again after no confirm came (a connection lost with its node, a nack, a timeout).</summary>
    public int Republished => _republished;

    /// <summary>Submissions [0, <paramref name="count"/>): blocks of four alternate between the Apis and the bus.</summary>
    public Task RunAsync(int count, CancellationToken giveUp)
    {
        var viaApi = new ConcurrentQueue<int>(Enumerable.Range(0, count).Where(i => i / 4 % 2 == 0));
        var viaBus = new ConcurrentQueue<int>(Enumerable.Range(0, count).Where(i => i / 4 % 2 == 1));
        var callers = Enumerable.Range(0, 12).Select(async caller =>
        {
            var api = caller % 2 == 0 ? stack.ApiClient : stack.SecondClient;
            while (viaApi.TryDequeue(out var i))
            {
                await SubmitAsync(i, api, giveUp);
            }
        });
        var publishers = Enumerable.Range(0, 4).Select(_ => PublishAllAsync(viaBus, giveUp));
        return Task.WhenAll([.. callers, .. publishers]);
    }

    private async Task SubmitAsync(int i, ApiClient api, CancellationToken giveUp)
    {
        var (route, body) = load.Submission(i);
        var json = JsonSerializer.Serialize(body);
        var key = $"cluster-{i}-{Guid.NewGuid():N}";
        while (!giveUp.IsCancellationRequested)
        {
            try
            {
                using var response = await api.PostJsonTextAsync(route, json, key);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    _unavailable.Enqueue(Now);
                    await Task.Delay(200, giveUp);
                    continue;
                }
                // 200: the retry found the request already final, its first attempt having got through after all.
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    load.Accepted(i, (await response.JsonAsync()).GetProperty("requestId").GetGuid());
                }
                else
                {
                    _unexpected.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(giveUp)}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !giveUp.IsCancellationRequested)
            {
                _unexpected.Enqueue(exception.Message);
            }
            return;
        }
    }

    private async Task PublishAllAsync(ConcurrentQueue<int> commands, CancellationToken giveUp)
    {
        var endpoints = stack.Cluster.Nodes.Select(n => new AmqpTcpEndpoint(n.Split(':')[0], int.Parse(n.Split(':')[1], CultureInfo.InvariantCulture))).ToList();
        var factory = new ConnectionFactory { Uri = stack.Broker.Users.Publisher.AmqpUri, ClientProvidedName = "cluster-test-publisher", AutomaticRecoveryEnabled = false };
        IConnection? connection = null;
        IChannel? channel = null;
        try
        {
            while (commands.TryDequeue(out var i))
            {
                var (exchange, body) = Command(i);
                while (true)
                {
                    giveUp.ThrowIfCancellationRequested();
                    try
                    {
                        if (channel is not { IsOpen: true })
                        {
                            await DisposeAsync(connection, channel);
                            connection = await factory.CreateConnectionAsync(endpoints, giveUp);
                            channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), giveUp);
                        }
                        using var confirm = CancellationTokenSource.CreateLinkedTokenSource(giveUp);
                        confirm.CancelAfter(TimeSpan.FromSeconds(5));
                        await channel.BasicPublishAsync(exchange, "", mandatory: true,
                            new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent }, body, confirm.Token);
                        break;
                    }
                    catch (Exception exception) when (!giveUp.IsCancellationRequested && exception is not OutOfMemoryException)
                    {
                        Interlocked.Increment(ref _republished);
                        await DisposeAsync(connection, channel);
                        (connection, channel) = (null, null);
                        await Task.Delay(200, giveUp);
                    }
                }
            }
        }
        finally
        {
            await DisposeAsync(connection, channel);
        }
    }

    /// <summary>The i-th submission as a plain JSON command for its exchange, with a request id of its own; accepted once confirmed.</summary>
    private (string Exchange, byte[] Body) Command(int i)
    {
        var (route, body) = load.Submission(i);
        var command = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
        // The bus takes HubSpot's own values: a contact's fields beside its email are its properties, and a ticket
        // names its description, priority and stage as HubSpot does (the Api translates its clients' names).
        if (route == "/api/v1/hubspot/contact")
        {
            var email = command["email"]!.DeepClone();
            command.Remove("email");
            command = new JsonObject { ["email"] = email, ["properties"] = command };
        }
        else if (route == "/api/v1/hubspot/tickets")
        {
            var subject = command["tickets"]![0]!["subject"]!.GetValue<string>();
            command["tickets"] = new JsonArray(new JsonObject
            {
                ["subject"] = subject,
                ["content"] = $"Details of {subject}",
                ["category"] = "GENERAL_INQUIRY",
                ["pipeline"] = "0",
                ["pipelineStage"] = "1",
                ["priority"] = "HIGH",
            });
        }
        var requestId = Guid.CreateVersion7();
        command["requestId"] = requestId;
        load.Accepted(i, requestId);
        var exchange = route switch
        {
            "/api/v1/hubspot/contact" => "hubspot.upsert-contact",
            "/api/v1/hubspot/deals" => "hubspot.upsert-deals",
            _ => "hubspot.create-tickets",
        };
        return (exchange, Encoding.UTF8.GetBytes(command.ToJsonString()));
    }

    private static async Task DisposeAsync(IConnection? connection, IChannel? channel)
    {
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A connection whose node died cannot close cleanly; it is gone either way.
        }
    }
}
