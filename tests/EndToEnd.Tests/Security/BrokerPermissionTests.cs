using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// What each component's broker user may do, on the real broker, with the permissions of
/// scripts/rabbitmq/definitions.template.json (the stack's Api and Worker run as their own users, so every other
/// end-to-end test shows those permissions suffice). A refusal is the broker's: the channel closes with 403 ACCESS_REFUSED.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BrokerPermissionTests(ServiceStack stack)
{
    private const string ContactUpserted = "hubspot.contact-upserted";
    private const string UpsertContact = "hubspot.upsert-contact";
    private const string RequestStatus = "hubspot.request-status";
    private const string EnvelopeType = "application/vnd.masstransit+json";

    private BrokerUsers Users => stack.Broker.Users;

    [Fact]
    public async Task The_publisher_user_cannot_publish_to_a_result_exchange()
    {
        await using var connection = await ConnectAsync(Users.Publisher);

        var refusal = await RefusedAsync(connection, channel => PublishAsync(channel, ContactUpserted, "", ForgedContactUpserted(Guid.NewGuid()), EnvelopeType));

        Assert.Contains($"exchange '{ContactUpserted}'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_publisher_user_cannot_publish_through_the_default_exchange_which_reaches_every_queue()
    {
        await using var connection = await ConnectAsync(Users.Publisher);

        var toStatus = await RefusedAsync(connection, channel => PublishAsync(channel, "", RequestStatus, ForgedContactUpserted(Guid.NewGuid()), EnvelopeType));
        var toCommands = await RefusedAsync(connection, channel => PublishAsync(channel, "", UpsertContact, ContactCommand(Guid.NewGuid())));

        Assert.Contains("exchange 'amq.default'", toStatus, StringComparison.Ordinal);
        Assert.Contains("exchange 'amq.default'", toCommands, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UpsertContact)]
    [InlineData("hubspot.upsert-deals")]
    [InlineData("hubspot.create-tickets")]
    [InlineData(RequestStatus)]
    [InlineData("hubspot.oauth-refresh-token")]
    public async Task The_publisher_user_can_neither_consume_nor_get_from_a_queue_of_the_service(string queue)
    {
        await using var connection = await ConnectAsync(Users.Publisher);

        var consume = await RefusedAsync(connection, channel => channel.BasicConsumeAsync(queue, autoAck: false, new AsyncEventingBasicConsumer(channel)));
        var get = await RefusedAsync(connection, channel => channel.BasicGetAsync(queue, autoAck: false));

        Assert.Contains($"queue '{queue}'", consume, StringComparison.Ordinal);
        Assert.Contains($"queue '{queue}'", get, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_publisher_user_cannot_delete_or_declare_the_services_queues_and_exchanges()
    {
        await using var connection = await ConnectAsync(Users.Publisher);

        await RefusedAsync(connection, channel => channel.QueueDeleteAsync(UpsertContact));
        await RefusedAsync(connection, channel => channel.ExchangeDeleteAsync(ContactUpserted));
        await RefusedAsync(connection, channel => channel.QueueDeclareAsync(UpsertContact, durable: true, exclusive: false, autoDelete: false));
        await RefusedAsync(connection, channel => channel.QueueDeclareAsync("billing.contact-upserted", durable: true, exclusive: false, autoDelete: false));

        Assert.NotNull(await stack.Broker.Management.QueueAsync(UpsertContact));
    }

    [Fact]
    public async Task A_result_event_forged_by_the_publisher_is_refused_and_never_becomes_a_request_status()
    {
        var forged = Guid.NewGuid();
        await using var connection = await ConnectAsync(Users.Publisher);

        await RefusedAsync(connection, channel => PublishAsync(channel, ContactUpserted, "", ForgedContactUpserted(forged), EnvelopeType));
        await RefusedAsync(connection, channel => PublishAsync(channel, "", RequestStatus, ForgedContactUpserted(forged), EnvelopeType));
        // A real command published after the forgeries: once its result is recorded, a forgery the broker had let through
        // would have been recorded too.
        var real = Guid.NewGuid();
        await using (var channel = await connection.CreateChannelAsync(ConfirmedChannel))
        {
            await PublishAsync(channel, UpsertContact, "", ContactCommand(real));
        }

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(real)).GetProperty("status").GetString());
        Assert.Null(await stack.ApiClient.StatusAsync(forged));
    }

    [Fact]
    public async Task The_publisher_user_publishes_a_command_to_its_exchange_and_reads_the_result_from_a_queue_of_its_own()
    {
        var ownQueue = $"{Users.Publisher.Name}.contact-upserted";
        var requestId = Guid.NewGuid();
        await using var connection = await ConnectAsync(Users.Publisher);
        await using var channel = await connection.CreateChannelAsync(ConfirmedChannel);
        await channel.QueueDeclareAsync(ownQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(ownQueue, ContactUpserted, "");

        await PublishAsync(channel, UpsertContact, "", ContactCommand(requestId));

        var result = await Eventually.GetAsync(async () => await channel.BasicGetAsync(ownQueue, autoAck: true), m => m is not null,
            "the ContactUpserted in the publisher's own queue");
        using var envelope = JsonDocument.Parse(result!.Body);
        Assert.Equal(requestId, envelope.RootElement.GetProperty("message").GetProperty("requestId").GetGuid());
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).GetProperty("status").GetString());
        await channel.QueueDeleteAsync(ownQueue);
    }

    [Fact]
    public async Task A_result_event_the_Api_cannot_read_still_reaches_its_error_queue_with_the_Apis_permissions()
    {
        var marker = Guid.NewGuid().ToString("N");
        var unreadable = JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:HubSpotCrm.Contracts.Events:ContactUpserted" },
            message = new { requestId = marker, contactId = "1", email = "x@example.com", created = true },
        }, JsonSerializerOptions.Web);

        await stack.Broker.Management.PublishAsync(ContactUpserted, "", unreadable, contentType: EnvelopeType);

        await Eventually.TrueAsync(async () => (await stack.Broker.Management.PeekAsync($"{RequestStatus}_error")).Any(m => m.Payload.Contains(marker, StringComparison.Ordinal)),
            "the unreadable result event in hubspot.request-status_error", TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData("hubspot.oauth-refresh-token")]
    [InlineData("hubspot.upsert-contact_error")]
    [InlineData("hubspot.upsert-contact_retry-10s")]
    public async Task The_Api_user_cannot_read_the_Workers_queues(string queue)
    {
        await using var connection = await ConnectAsync(Users.Api);

        var refusal = await RefusedAsync(connection, channel => channel.BasicGetAsync(queue, autoAck: false));

        Assert.Contains($"queue '{queue}'", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UpsertContact)]
    [InlineData("hubspot.upsert-deals")]
    [InlineData("hubspot.create-tickets")]
    [InlineData("hubspot.get-new-objects")]
    public async Task The_Api_user_cannot_consume_a_command_queue(string queue)
    {
        await using var connection = await ConnectAsync(Users.Api);

        var consume = await RefusedAsync(connection, channel => channel.BasicConsumeAsync(queue, autoAck: false, new AsyncEventingBasicConsumer(channel)));
        var get = await RefusedAsync(connection, channel => channel.BasicGetAsync(queue, autoAck: false));

        Assert.Contains($"queue '{queue}'", consume, StringComparison.Ordinal);
        Assert.Contains($"queue '{queue}'", get, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Api_user_cannot_publish_a_result_event()
    {
        await using var connection = await ConnectAsync(Users.Api);

        await RefusedAsync(connection, channel => PublishAsync(channel, ContactUpserted, "", ForgedContactUpserted(Guid.NewGuid()), EnvelopeType));
        await RefusedAsync(connection, channel => PublishAsync(channel, "", RequestStatus, ForgedContactUpserted(Guid.NewGuid()), EnvelopeType));
    }

    [Fact]
    public async Task The_Worker_user_cannot_read_the_Apis_status_queue()
    {
        await using var connection = await ConnectAsync(Users.Worker);

        await RefusedAsync(connection, channel => channel.BasicGetAsync(RequestStatus, autoAck: false));
    }

    [Fact]
    public async Task A_new_command_and_its_result_event_of_the_naming_pattern_need_no_change_to_the_permissions()
    {
        const string NewCommand = "hubspot.upsert-companies";
        const string NewResult = "hubspot.companies-upserted";
        var apiExchange = $"hubspot.api.{NewCommand["hubspot.".Length..]}";
        var ownQueue = $"{Users.Publisher.Name}.companies-upserted";
        await using var worker = await ConnectAsync(Users.Worker);
        await using var api = await ConnectAsync(Users.Api);
        await using var publisher = await ConnectAsync(Users.Publisher);
        try
        {
            // The Worker declares and reads the command's queue and exchange, and the result's exchange.
            await using (var channel = await worker.CreateChannelAsync(ConfirmedChannel))
            {
                await channel.ExchangeDeclareAsync(NewCommand, ExchangeType.Fanout, durable: true);
                await channel.QueueDeclareAsync(NewCommand, durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(NewCommand, NewCommand, "");
                await channel.ExchangeDeclareAsync(NewResult, ExchangeType.Fanout, durable: true);
            }
            // The Api sends through an exchange of its own bound to the queue; a publisher sends to the command's exchange
            // and binds a queue of its own to the result's.
            await using (var channel = await api.CreateChannelAsync(ConfirmedChannel))
            {
                await channel.ExchangeDeclareAsync(apiExchange, ExchangeType.Fanout, durable: true);
                await channel.QueueDeclareAsync(NewCommand, durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(NewCommand, apiExchange, "");
                await PublishAsync(channel, apiExchange, "", "{}");
            }
            await using (var channel = await publisher.CreateChannelAsync(ConfirmedChannel))
            {
                await PublishAsync(channel, NewCommand, "", "{}");
                await channel.QueueDeclareAsync(ownQueue, durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(ownQueue, NewResult, "");
            }
            await using (var channel = await worker.CreateChannelAsync(ConfirmedChannel))
            {
                Assert.NotNull(await channel.BasicGetAsync(NewCommand, autoAck: true));
                Assert.NotNull(await channel.BasicGetAsync(NewCommand, autoAck: true));
                await PublishAsync(channel, NewResult, "", "{}");
            }
            await using (var channel = await publisher.CreateChannelAsync(ConfirmedChannel))
            {
                Assert.NotNull(await Eventually.GetAsync(async () => await channel.BasicGetAsync(ownQueue, autoAck: true), m => m is not null,
                    "the result in the publisher's own queue"));
            }

            // And what each may not do holds for the new names too.
            await RefusedAsync(api, channel => channel.BasicGetAsync(NewCommand, autoAck: false));
            await RefusedAsync(api, channel => PublishAsync(channel, NewResult, "", "{}"));
            await RefusedAsync(publisher, channel => PublishAsync(channel, NewResult, "", "{}"));
            await RefusedAsync(publisher, channel => channel.BasicGetAsync(NewCommand, autoAck: false));
        }
        finally
        {
            await stack.Broker.Management.DeleteQueueAsync(NewCommand);
            await stack.Broker.Management.DeleteQueueAsync(ownQueue);
        }
    }

    [Fact]
    public async Task The_services_connect_as_their_own_users()
    {
        // The management API lists a connection once its statistics are in: a few seconds after it opened.
        var connections = await Eventually.GetAsync(stack.Broker.Management.ConnectionsAsync,
            c => c.Any(x => x.Name == "HubSpotCrm.Api") && c.Any(x => x.Name == "HubSpotCrm.Worker"), "the services' broker connections");

        // MassTransit's connection and the broker administration's beside it ("HubSpotCrm.Worker administration").
        Assert.All(connections.Where(c => c.Name?.StartsWith("HubSpotCrm.Api", StringComparison.Ordinal) == true), c => Assert.Equal(Users.Api.Name, c.User));
        Assert.All(connections.Where(c => c.Name?.StartsWith("HubSpotCrm.Worker", StringComparison.Ordinal) == true), c => Assert.Equal(Users.Worker.Name, c.User));
    }

    private static readonly CreateChannelOptions ConfirmedChannel = new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private static async Task<IConnection> ConnectAsync(BrokerUser user) =>
        await new ConnectionFactory { Uri = user.AmqpUri, ClientProvidedName = $"permission-test-{user.Name}" }.CreateConnectionAsync();

    /// <summary>Runs the operation on a channel of its own and returns the broker's reason for closing it, which must be a 403.</summary>
    private static async Task<string> RefusedAsync(IConnection connection, Func<IChannel, Task> operation)
    {
        await using var channel = await connection.CreateChannelAsync(ConfirmedChannel);
        var exception = await Record.ExceptionAsync(() => operation(channel));
        Assert.True(exception is not null, "the broker allowed the operation");
        var reason = (exception as OperationInterruptedException)?.ShutdownReason ?? channel.CloseReason;
        Assert.True(reason is { ReplyCode: 403 }, $"the broker refused it with 403 ACCESS_REFUSED (got {exception.GetType().Name}: {exception.Message})");
        Assert.StartsWith("ACCESS_REFUSED", reason.ReplyText, StringComparison.Ordinal);
        return reason.ReplyText;
    }

    private static async Task PublishAsync(IChannel channel, string exchange, string routingKey, string body, string contentType = "application/json") =>
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true,
            new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent }, Encoding.UTF8.GetBytes(body));

    private static string ContactCommand(Guid requestId) =>
        JsonSerializer.Serialize(new { requestId, email = TestData.Email("publisher"), properties = new { firstname = "Pub" } }, JsonSerializerOptions.Web);

    /// <summary>A ContactUpserted in MassTransit's envelope, as the Worker publishes it: what the Api records as a success.</summary>
    private static string ForgedContactUpserted(Guid requestId) => JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { "urn:message:HubSpotCrm.Contracts.Events:ContactUpserted" },
        message = new { requestId, contactId = "999999999", email = TestData.Email("forged"), created = true },
    }, JsonSerializerOptions.Web);
}
