using System.Diagnostics;
using System.Net;
using System.Net.Mime;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HubSpotCrm.Worker.Tests.Messaging;

/// <summary>The broker-administration service on the real broker, in a virtual host of its own.</summary>
public sealed class BrokerAdministrationTests : IAsyncLifetime
{
    private const string ConnectionName = "hubspot-crm-administration-test";
    private const string Queue = "hubspot.test-commands";
    private const string ErrorQueue = Queue + "_error";

    private IsolatedVirtualHost _broker = null!;
    private BrokerAdministration _administration = null!;

    public async Task InitializeAsync()
    {
        _broker = await IsolatedVirtualHost.CreateAsync(await TestServers.GetAsync());
        _administration = Administration(_broker.AmqpUri);
    }

    public async Task DisposeAsync()
    {
        await _administration.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task A_passive_declare_counts_messages_and_consumers_and_a_missing_queue_is_null_without_spoiling_the_next_one()
    {
        await _broker.Management.DeclareQueueAsync("waiting", new { });
        await _broker.Management.PublishAsync("", "waiting", "{}");
        await _broker.Management.PublishAsync("", "waiting", "{}");
        await _broker.Management.DeclareQueueAsync("consumed", new { });
        await using var connection = await new ConnectionFactory { Uri = _broker.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicConsumeAsync("consumed", autoAck: false, new AsyncEventingBasicConsumer(channel));

        Assert.Equal(new QueueCounts(2, 0), await _administration.QueueAsync("waiting", CancellationToken.None));
        Assert.Null(await _administration.QueueAsync("missing", CancellationToken.None));
        Assert.Equal(new QueueCounts(0, 1), await _administration.QueueAsync("consumed", CancellationToken.None));
    }

    [Fact]
    public async Task Every_operation_goes_over_one_connection_which_a_broker_side_close_replaces_with_a_new_one()
    {
        await DeclareAsync(TimeSpan.FromSeconds(1));
        var first = Assert.Single(await OpenConnectionsAsync(c => c.Count == 1));

        await _administration.QueueAsync(Queue, CancellationToken.None);
        await _administration.MoveToErrorQueueAsync(Received("{}"), ErrorQueue, Fault("moved"), withOwnHeaders: false, CancellationToken.None);
        await _administration.RedriveAsync(ErrorQueue, Queue, 10, CancellationToken.None);
        await _administration.QueueAsync("missing", CancellationToken.None);
        Assert.Equal([first], await _broker.Management.ConnectionsAsync(ConnectionName));

        await _broker.Management.CloseConnectionAsync(first);
        await OpenConnectionsAsync(c => c.Count == 0);

        Assert.Equal(new QueueCounts(1, 0), await _administration.QueueAsync(Queue, CancellationToken.None));
        var second = Assert.Single(await OpenConnectionsAsync(c => c.Count == 1));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task An_operation_on_a_broker_that_does_not_answer_fails_within_the_operation_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var administration = Administration(new Uri($"amqp://guest:guest@127.0.0.1:{port}/"), TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => administration.QueueAsync(Queue, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Contains("RabbitMq:OperationTimeout", timeout.Message, StringComparison.Ordinal);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task The_wait_queues_are_quorum_queues_that_dead_letter_to_the_command_queue_and_an_old_classic_one_is_replaced_once_empty()
    {
        await _broker.Management.DeclareQueueAsync(Queue + "_retry-1s", new { x_message_ttl = 1000 });
        await _broker.Management.DeclareQueueAsync(Queue + "_retry-2s", new { x_message_ttl = 2000 });
        await _broker.Management.PublishAsync("", Queue + "_retry-2s", "{}");

        await DeclareAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        await DeclareAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        var replaced = await ArgumentsAsync(Queue + "_retry-1s");
        Assert.Equal("quorum", replaced.GetProperty("x-queue-type").GetString());
        Assert.Equal(1000, replaced.GetProperty("x-message-ttl").GetInt32());
        Assert.Equal(Queue, replaced.GetProperty("x-dead-letter-exchange").GetString());
        Assert.Equal("at-least-once", replaced.GetProperty("x-dead-letter-strategy").GetString());
        var kept = await ArgumentsAsync(Queue + "_retry-2s");
        Assert.False(kept.TryGetProperty("x-queue-type", out _));
        Assert.Equal(new QueueCounts(1, 0), await _administration.QueueAsync(Queue + "_retry-2s", CancellationToken.None));
        Assert.NotNull(await _broker.Management.QueueAsync(ErrorQueue));

        // The wait queue's exchange leads to it, and it back to the command queue's exchange once the delay is over.
        await _broker.Management.PublishAsync(Queue + "_retry-1s", "", "{\"back\":true}");
        await Eventually.TrueAsync(async () => (await _broker.Management.PeekAsync(Queue)).Any(m => m.Payload.Contains("back", StringComparison.Ordinal)),
            "the delayed message back in its command queue", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_moved_message_carries_the_fault_headers_and_redrive_takes_back_exactly_those_and_the_retry_headers()
    {
        await DeclareAsync(TimeSpan.FromSeconds(1));
        await _administration.MoveToErrorQueueAsync(Received("""{"moved":1}"""), ErrorQueue, Fault("refused for a reason"), withOwnHeaders: false, CancellationToken.None);
        var moved = Assert.Single(await _broker.Management.PeekAsync(ErrorQueue));
        Assert.Equal("""{"moved":1}""", moved.Payload);
        Assert.Equal("fault", moved.Header("MT-Reason"));
        Assert.Equal("HubSpotCrm.Test", moved.Header("MT-Fault-ExceptionType"));
        Assert.Equal("refused for a reason", moved.Header("MT-Fault-Message"));
        Assert.Equal($"rabbitmq://localhost/{Queue}", moved.Header("MT-Fault-InputAddress"));
        Assert.True(DateTime.TryParse(moved.Header("MT-Fault-Timestamp"), out _));
        // A command parked after its retries, as the forward through MassTransit leaves it: the retry headers and the
        // wait queues' dead-letter trail beside the fault headers, and the headers of its own.
        await _broker.Management.PublishAsync("", ErrorQueue, """{"retried":2}""", new Dictionary<string, object>
        {
            ["MT-Reason"] = "fault",
            ["MT-Fault-Message"] = "HubSpot kept failing",
            ["MT-Fault-ExceptionType"] = "HubSpotCrm.Worker.HubSpot.Errors.HubSpotTransientException",
            ["HubSpotCrm-Retry-Attempt"] = 2,
            ["HubSpotCrm-Failure-Reason"] = "503",
            ["x-first-death-queue"] = Queue + "_retry-1s",
            ["HubSpotCrm-Client"] = "acme",
            ["MT-Host-MachineName"] = "worker-1",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        });
        await _broker.Management.PublishAsync("", ErrorQueue, """{"left":3}""");

        Assert.Equal(2, await _administration.RedriveAsync(ErrorQueue, Queue, 2, CancellationToken.None));

        var back = await Eventually.GetAsync(() => _broker.Management.PeekAsync(Queue), m => m.Count == 2, $"the two messages back in {Queue}");
        Assert.Equal(["""{"moved":1}""", """{"retried":2}"""], back.Select(m => m.Payload));
        Assert.Empty(HeaderNames(back[0]));
        Assert.Equal(["HubSpotCrm-Client", "MT-Host-MachineName", "traceparent"], HeaderNames(back[1]));
        Assert.Equal("acme", back[1].Header("HubSpotCrm-Client"));
        Assert.Equal("""{"left":3}""", Assert.Single(await _broker.Management.PeekAsync(ErrorQueue)).Payload);
    }

    [Theory]
    [InlineData(BrokerQueueType.Quorum, "quorum")]
    [InlineData(BrokerQueueType.Classic, "classic")]
    public async Task The_command_queue_and_its_error_queue_are_of_the_configured_type_each_behind_its_exchange(BrokerQueueType type, string expected)
    {
        await using var administration = Administration(_broker.AmqpUri, queueType: type);

        await administration.DeclareQueuesAsync([new WaitQueueTopology(Queue, ErrorQueue, [])], CancellationToken.None);

        foreach (var queue in new[] { Queue, ErrorQueue })
        {
            Assert.Equal(expected, (await _broker.Management.QueueAsync(queue))?.Type);
            await _broker.Management.PublishAsync(queue, "", $$"""{"to":"{{queue}}"}""");
            Assert.Contains(await Eventually.GetAsync(() => _broker.Management.PeekAsync(queue), m => m.Count == 1, $"the message in {queue}"),
                m => m.Payload.Contains(queue, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(BrokerQueueType.Quorum, "classic")]
    [InlineData(BrokerQueueType.Classic, "quorum")]
    public async Task A_queue_an_earlier_version_left_of_the_other_type_is_refused_saying_what_to_do_and_keeps_its_messages(BrokerQueueType type, string existing)
    {
        await _broker.Management.DeclareQueueAsync(Queue, new Dictionary<string, object> { ["x-queue-type"] = existing });
        await _broker.Management.PublishAsync("", Queue, "{\"kept\":true}");
        await using var administration = Administration(_broker.AmqpUri, queueType: type);

        var refused = await Assert.ThrowsAsync<QueueTypeMismatchException>(() =>
            administration.DeclareQueuesAsync([new WaitQueueTopology(Queue, ErrorQueue, [])], CancellationToken.None));

        Assert.Contains($"The queue {Queue} exists in the broker as a {existing} queue, and RabbitMq:QueueType is {type}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Moving to quorum queues", refused.Message, StringComparison.Ordinal);
        Assert.Equal(existing, (await _broker.Management.QueueAsync(Queue))?.Type);
        Assert.Equal(new QueueCounts(1, 0), await administration.QueueAsync(Queue, CancellationToken.None));
    }

    private static BrokerAdministration Administration(Uri amqpUri, TimeSpan? operationTimeout = null, BrokerQueueType queueType = BrokerQueueType.Quorum) => new(
        Options.Create(new RabbitMqOptions { Uri = amqpUri, OperationTimeout = operationTimeout ?? TimeSpan.FromSeconds(30), QueueType = queueType }),
        ConnectionName, NullLogger<BrokerAdministration>.Instance);

    private Task DeclareAsync(params TimeSpan[] delays) => _administration.DeclareQueuesAsync(
        [new WaitQueueTopology(Queue, ErrorQueue, [.. delays.Select(d => new WaitQueue($"{Queue}_retry-{d.TotalSeconds}s", d))])], CancellationToken.None);

    private static FaultHeaders Fault(string reason) => new("HubSpotCrm.Test", reason, new Uri($"rabbitmq://localhost/{Queue}"));

    /// <summary>A message as a receive filter holds it, without RabbitMQ's delivery properties.</summary>
    private static ReceiveContext Received(string body)
    {
        var message = Substitute.For<ReceiveContext>();
        var bytes = Substitute.For<MessageBody>();
        bytes.GetBytes().Returns(Encoding.UTF8.GetBytes(body));
        message.Body.Returns(bytes);
        message.ContentType.Returns(new ContentType("application/json"));
        message.InputAddress.Returns(new Uri($"rabbitmq://localhost/{Queue}"));
        return message;
    }

    /// <summary>The broker lists connections a few seconds late: waits until the list of ours is as expected.</summary>
    private Task<IReadOnlyList<string>> OpenConnectionsAsync(Func<IReadOnlyList<string>, bool> expected) =>
        Eventually.GetAsync(() => _broker.Management.ConnectionsAsync(ConnectionName), expected, $"the broker to list the connections named {ConnectionName}",
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));

    /// <summary>Its header names but the one RabbitMQ.Client adds to every publish it tracks the confirm of.</summary>
    /// <summary>Without x-delivery-count, which the quorum queue adds each time the test peeks (takes and puts back) a message.</summary>
    private static IEnumerable<string> HeaderNames(PeekedMessage message) =>
        message.Headers.Select(h => h.Key).Where(h => h is not ("x-dotnet-pub-seq-no" or "x-delivery-count")).Order(StringComparer.Ordinal);

    private async Task<JsonElement> ArgumentsAsync(string queue) => JsonDocument.Parse((await _broker.Management.QueueAsync(queue))!.Arguments).RootElement;
}
