using System.Diagnostics;
using System.Globalization;
using System.Text;
using HubSpotCrm.EndToEnd.Tests.Api;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// Messages built to hurt the Worker: too large (unless the broker's max_message_size refuses them first), with a field
/// name longer than an AMQP frame, with headers that leave no room in a frame for the fault headers, with text the JSON
/// reader cannot turn into a string. Each lands in _error exactly once (the broker's delivery counters show no
/// redelivery, so no requeue loop), is answered with a CommandFailed when it names a request, and the queue keeps
/// draining the commands around it.
/// </summary>
public sealed class HostileMessageTests(ServiceStack stack, ITestOutputHelper output) : IClassFixture<ServiceStack>
{
    /// <summary>The documented largest command (README, "Publishing from other services").</summary>
    private const int MaxMessageBytes = 1_048_576;

    /// <summary>The documented longest reason in MT-Fault-Message and CommandFailed.message.</summary>
    private const int MaxReasonLength = 1024;

    private const string Queue = "hubspot.upsert-contact";
    private const string ErrorQueue = Queue + "_error";

    [Fact]
    public async Task A_message_with_a_300_KB_field_name_lands_in_error_once_and_the_queue_keeps_draining()
    {
        var before = await SettledStatsAsync();
        var requestId = Guid.NewGuid();
        var marker = Marker();
        var hostile = $$"""{"requestId":"{{requestId}}","email":"{{marker}}@example.com","{{new string('x', 300 * 1024)}}":"v"}""";
        var valid = Enumerable.Range(0, 20).Select(_ => (Id: Guid.NewGuid(), Email: TestData.Email("drain"))).ToList();

        await RawBus.PublishAsync(stack.Broker.AmqpUri, Queue, [hostile, .. valid.Select(c => Contact(c.Id, c.Email))]);

        foreach (var (id, _) in valid)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(id)).Status());
        }
        var refused = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("failed", refused.Status());
        var message = refused.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("is not a field", message, StringComparison.Ordinal);
        Assert.InRange(message.Length, 1, MaxReasonLength);
        var reason = await ParkedOnceAsync(marker);
        Assert.InRange(reason.Length, 1, MaxReasonLength);
        await AssertDeliveredOnceAsync(before, 21);
    }

    [Fact]
    public async Task One_byte_over_the_size_limit_is_refused_with_that_reason_and_exactly_the_limit_is_processed()
    {
        var before = await SettledStatsAsync();
        var over = (Id: Guid.NewGuid(), Email: TestData.Email("over"));
        var limit = (Id: Guid.NewGuid(), Email: TestData.Email("limit"));

        var brokerRefusal = await BrokerRefusalAsync(() => RawBus.PublishAsync(stack.Broker.AmqpUri, Queue, [ContactOfSize(over.Id, over.Email, MaxMessageBytes + 1)]));
        await RawBus.PublishAsync(stack.Broker.AmqpUri, Queue, [ContactOfSize(limit.Id, limit.Email, MaxMessageBytes)]);

        if (brokerRefusal is not null)
        {
            // The broker's max_message_size (./run.sh, compose and CI set it): the publisher is told, nothing is stored.
            output.WriteLine($"The broker refused the message: {brokerRefusal}");
            Assert.Contains($"larger than configured max size {MaxMessageBytes}", brokerRefusal, StringComparison.Ordinal);
            Assert.Null(await stack.ApiClient.StatusAsync(over.Id));
        }
        else
        {
            // A broker without that limit: the Worker refuses the message before it reads it.
            output.WriteLine("The broker took the message; the Worker refuses it");
            var refused = await stack.ApiClient.WaitForFinalAsync(over.Id);
            Assert.Equal("failed", refused.Status());
            Assert.Equal("invalid_command", refused.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("1,048,576 bytes", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("1,048,576 bytes", await ParkedOnceAsync(over.Email), StringComparison.Ordinal);
        }
        var processed = await stack.ApiClient.WaitForFinalAsync(limit.Id);
        Assert.Equal("succeeded", processed.Status());
        var contacts = await stack.EmulatorControl.ObjectsAsync("contacts");
        Assert.DoesNotContain(contacts, c => c.Property("email") == over.Email);
        Assert.Single(contacts, c => c.Property("email") == limit.Email);
        await AssertDeliveredOnceAsync(before, brokerRefusal is null ? 2 : 1);
    }

    [Fact]
    public async Task The_largest_command_the_Api_publishes_is_within_the_size_limit()
    {
        var contactId = await stack.CreateContactAsync();
        // The Api's largest body (256 KB) in characters outside the Basic Multilingual Plane, which MassTransit writes
        // as two \u escapes each, 12 bytes for 4: the most a body grows on its way to the bus.
        var wide = string.Concat(Enumerable.Repeat("\U0001F600", 32_000));
        var tickets = string.Join(",", Enumerable.Range(0, 2).Select(i =>
            $$$"""{"subject":"Wide {{{i}}}","description":"{{{wide}}}","category":"technical_issue","pipeline":"0","hs_ticket_priority":"HIGH","hs_pipeline_stage":"1"}"""));
        var body = $$"""{"contactId":"{{contactId}}","tickets":[{{tickets}}]}""";
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 250_000, 262_144);
        await using var connection = await new ConnectionFactory { Uri = stack.Broker.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var copies = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        // The exchange the Api sends its commands through, bound to hubspot.create-tickets (src/Api/Publishing/WorkerQueueAddress.cs),
        // declared by the Api's first tickets command.
        await channel.ExchangeDeclareAsync("hubspot.api.create-tickets", ExchangeType.Fanout, durable: true);
        await channel.QueueBindAsync(copies, "hubspot.api.create-tickets", "");

        using var response = await stack.ApiClient.PostRawAsync("/api/v1/hubspot/tickets", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var command = await Eventually.GetAsync(() => channel.BasicGetAsync(copies, autoAck: true), c => c is not null, "a copy of the command");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A {Encoding.UTF8.GetByteCount(body):N0}-byte body became a {command!.Body.Length:N0}-byte command"));
        Assert.InRange(command.Body.Length, Encoding.UTF8.GetByteCount(body), MaxMessageBytes);
        var status = await stack.ApiClient.WaitForFinalAsync((await response.JsonAsync()).RequestId());
        Assert.Equal("succeeded", status.Status());
    }

    [Fact]
    public async Task A_refused_message_whose_own_headers_fill_a_frame_lands_in_error_once_without_them()
    {
        var before = await SettledStatsAsync();
        var requestId = Guid.NewGuid();
        var marker = Marker();
        // The broker's frame is 131,072 bytes and a message's properties must fit in one: these fill it, leaving too
        // little room for the fault headers the move to _error adds.
        var headers = new Dictionary<string, object?> { ["padding"] = new string('p', 130_800) };

        await RawBus.PublishAsync(stack.Broker.AmqpUri, Queue,
            [$$"""{"requestId":"{{requestId}}","emial":"{{marker}}@example.com"}"""], headers: headers);

        var refused = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("failed", refused.Status());
        Assert.Contains("emial", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var parked = (await stack.Broker.Management.PeekAsync(ErrorQueue)).Single(m => m.Payload.Contains(marker, StringComparison.Ordinal));
        Assert.Null(parked.Header("padding"));
        Assert.Contains("emial", parked.Header("MT-Fault-Message"), StringComparison.Ordinal);
        await ParkedOnceAsync(marker);
        await AssertDeliveredOnceAsync(before, 1);
    }

    [Fact]
    public async Task A_message_whose_text_cannot_be_read_lands_in_error_once_and_is_answered()
    {
        var before = await SettledStatsAsync();
        var requestId = Guid.NewGuid();
        var marker = Marker();
        // A lone surrogate: valid JSON, but no string; reading it throws.
        var body = $$$"""{"requestId":"{{{requestId}}}","email":"\ud800{{{marker}}}@example.com","properties":{"\udc00":"x"}}""";

        await stack.Broker.Management.PublishAsync(Queue, "", body);

        var refused = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("failed", refused.Status());
        var message = refused.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("email must be valid Unicode", message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, char.IsSurrogate);
        await ParkedOnceAsync(marker);
        var healthy = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
        Assert.Equal("succeeded", healthy.Status());
        await AssertDeliveredOnceAsync(before, 2);
    }

    [Fact]
    public async Task A_refused_message_that_cannot_be_moved_waits_between_attempts_instead_of_spinning_and_lands_once_it_can()
    {
        var before = await SettledStatsAsync();
        var requestId = Guid.NewGuid();
        var marker = Marker();
        await using var connection = await new ConnectionFactory { Uri = stack.Broker.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // No error queue: every move is returned unroutable, as when the broker cannot take it.
        await channel.QueueDeleteAsync(ErrorQueue);
        var clock = Stopwatch.StartNew();

        await RawBus.PublishAsync(stack.Broker.AmqpUri, Queue, [$$"""{"requestId":"{{requestId}}","emial":"{{marker}}@example.com"}"""]);

        // Attempts 1 s, 2 s and 4 s apart: the fourth cannot come before 7 s. Spinning, thousands would have.
        var attempts = await Eventually.GetAsync(() => stack.Broker.Management.StatsAsync(Queue), s => s.Delivered - before.Delivered >= 4,
            "the message to be delivered four times", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        Assert.InRange(attempts.Delivered - before.Delivered, 4, 6);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(7), $"four deliveries within {clock.Elapsed}");
        Assert.Equal("failed", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());

        await channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false);
        await ParkedOnceAsync(marker);
        var after = await SettledStatsAsync(before.Acknowledged + 1);
        Assert.Equal(after.Delivered - before.Delivered - 1, after.Redelivered - before.Redelivered);
        Assert.InRange(after.Delivered - before.Delivered, 4, 12);
    }

    /// <summary>(what becomes of the 20 messages, what they may add to the Worker's peak resident memory in MiB)</summary>
    public static TheoryData<string, int> MemoryBudgets => new()
    {
        // Held as bytes, the unknown name told from its length, never turned into text, moved to _error as bytes.
        // Measured: 36 MiB (1.8 MiB per MiB received).
        { "refused", 64 },
        // Held as bytes, deserialized by MassTransit (UTF-16: twice the bytes), written into one HubSpot batch call
        // and read back from its answer, each again as bytes and as text. Measured: 220-225 MiB (11 MiB per MiB).
        { "processed", 288 },
    };

    [Theory]
    [MemberData(nameof(MemoryBudgets))]
    public async Task Twenty_messages_of_the_maximum_size_stay_within_the_Worker_memory_budget(string outcome, int budgetMiB)
    {
        var before = await SettledStatsAsync();
        // A Worker of its own: the heap another case grew would hide what these messages cost.
        await stack.Worker.KillAsync();
        await stack.Worker.StartAsync();
        var pid = stack.Worker.Pid ?? throw new InvalidOperationException("The Worker is not running.");
        var refuse = outcome == "refused";
        // The path once first, so that what is measured is the messages, not the code loaded for them.
        var warmUp = Guid.NewGuid();
        await RawBus.PublishAsync(stack.Broker.AmqpUri, Queue, [Message(warmUp, 64 * 1024)]);
        await stack.ApiClient.WaitForFinalAsync(warmUp);
        var baseline = Memory(pid, "VmRSS");
        await File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5"); // the peak (VmHWM) starts again from here

        var requests = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var messages = requests.Select(id => Message(id, MaxMessageBytes)).ToList();
        Assert.All(messages, m => Assert.Equal(MaxMessageBytes, Encoding.UTF8.GetByteCount(m)));
        await RawBus.PublishAsync(stack.Broker.AmqpUri, Queue, messages);

        foreach (var id in requests)
        {
            Assert.Equal(refuse ? "failed" : "succeeded", (await stack.ApiClient.WaitForFinalAsync(id, TimeSpan.FromSeconds(120))).Status());
        }
        var peak = Memory(pid, "VmHWM");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"20 {outcome} messages of {MaxMessageBytes:N0} bytes: Worker RSS {baseline / 1048576.0:0.0} MiB before, peak {peak / 1048576.0:0.0} MiB (+{(peak - baseline) / 1048576.0:0.0})"));
        Assert.True(peak - baseline <= budgetMiB * 1048576L,
            $"20 {outcome} messages of {MaxMessageBytes} bytes raised the Worker's peak memory by {(peak - baseline) / 1048576} MiB (budget {budgetMiB} MiB)");
        await AssertDeliveredOnceAsync(before, 1 + messages.Count);

        string Message(Guid id, int bytes) => refuse ? HugeFieldName(id, TestData.Email("max"), bytes) : ContactOfSize(id, TestData.Email("max"), bytes);
    }

    /// <summary>
    /// The queue's counters once every message delivered is acknowledged, at least <paramref name="acknowledged"/> are, and
    /// they are current: the broker refreshes them every 5 s, so they must stay unchanged for longer than that. Its
    /// publish counter cannot be used: the broker loses the counts of a publisher's channel that closes before they
    /// are collected.
    /// </summary>
    private async Task<QueueStats> SettledStatsAsync(long acknowledged = 0)
    {
        QueueStats? last = null;
        var unchanged = Stopwatch.StartNew();
        var settled = await Eventually.GetAsync(async () =>
            {
                var stats = await stack.Broker.Management.StatsAsync(Queue);
                if (stats != last)
                {
                    last = stats;
                    unchanged.Restart();
                }
                return (Stats: stats, Unchanged: unchanged.Elapsed);
            },
            s => s.Stats.Acknowledged >= acknowledged && s.Stats.Delivered - s.Stats.Redelivered == s.Stats.Acknowledged && s.Unchanged > TimeSpan.FromSeconds(6),
            $"every delivery from {Queue} to be acknowledged and counted", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        return settled.Stats;
    }

    /// <summary>The <paramref name="messages"/> messages since <paramref name="before"/> were each delivered once and acknowledged: none was requeued.</summary>
    private async Task AssertDeliveredOnceAsync(QueueStats before, int messages)
    {
        var after = await SettledStatsAsync(before.Acknowledged + messages);
        Assert.Equal(before.Redelivered, after.Redelivered);
        Assert.Equal(messages, after.Delivered - before.Delivered);
    }

    /// <summary>The reason of the one message in _error that holds <paramref name="marker"/>.</summary>
    private async Task<string> ParkedOnceAsync(string marker)
    {
        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync(ErrorQueue),
            messages => messages.Any(m => m.Payload.Contains(marker, StringComparison.Ordinal)), $"the message in {ErrorQueue}");
        var reason = Assert.Single(parked, m => m.Payload.Contains(marker, StringComparison.Ordinal)).Header("MT-Fault-Message");
        Assert.False(string.IsNullOrWhiteSpace(reason));
        return reason!;
    }

    private static long Memory(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The broker's reason when it closes the channel for <paramref name="publish"/> (406 PRECONDITION_FAILED), or null when it took the message.</summary>
    private static async Task<string?> BrokerRefusalAsync(Func<Task> publish)
    {
        var exception = await Record.ExceptionAsync(publish);
        if (exception is null)
        {
            return null;
        }
        var closed = exception as OperationInterruptedException ?? exception.InnerException as OperationInterruptedException;
        Assert.True(closed?.ShutdownReason is { ReplyCode: 406 }, $"the broker refused the message with 406 PRECONDITION_FAILED (got {exception})");
        return closed!.ShutdownReason!.ReplyText;
    }

    private static string Marker() => $"hostile{Guid.NewGuid():N}";

    private static string Contact(Guid requestId, string email) =>
        $$$"""{"requestId":"{{{requestId}}}","email":"{{{email}}}","properties":{"firstname":"Drain"}}""";

    /// <summary>A valid contact command of exactly <paramref name="bytes"/> bytes: a long first name fills it.</summary>
    private static string ContactOfSize(Guid requestId, string email, int bytes)
    {
        var empty = $$$"""{"requestId":"{{{requestId}}}","email":"{{{email}}}","properties":{"firstname":""}}""";
        return empty.Insert(empty.Length - 3, new string('a', bytes - empty.Length));
    }

    /// <summary>A contact command of exactly <paramref name="bytes"/> bytes, refused for its one unknown field, whose name fills it.</summary>
    private static string HugeFieldName(Guid requestId, string email, int bytes)
    {
        var empty = $$"""{"requestId":"{{requestId}}","email":"{{email}}","":"v"}""";
        return empty.Insert(empty.Length - 6, new string('x', bytes - empty.Length));
    }
}
