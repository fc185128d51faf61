using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.HubSpot.Auth;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace HubSpotCrm.Worker.Credentials;

/// <summary>
/// The refresh-token record as the one message of a durable queue (at most one ready message, older ones dropped from
/// the head), in the broker every Worker already uses. Taking it is a basic.get without acknowledgement: the message
/// stays with this instance, and the queue looks empty to the others, until it is replaced (the new one published and
/// confirmed, then the old one acknowledged) or put back, which closing the channel does, also when the instance dies.
/// A lease has a connection of its own, not the broker administration's: it outlives one bounded operation (it is
/// held across the token request to HubSpot), and the administration connection, dropped whenever one of its
/// operations times out, would hand the record back to the others while its holder still has to store the new one.
/// </summary>
public sealed class RabbitMqRefreshTokenStore(IOptions<RabbitMqOptions> rabbit, TimeProvider clock) : IRefreshTokenStore
{
    public const string QueueName = "hubspot.oauth-refresh-token";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<IRefreshTokenLease> TakeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = await rabbit.Value.CreateConnectionFactory("hubspot-crm-worker-refresh-token").ConnectAsync(rabbit.Value, cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            await channel.QueueDeclareAsync(QueueName, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
            {
                ["x-max-length"] = 1,
                ["x-overflow"] = "drop-head",
            }, cancellationToken: cancellationToken);

            var started = clock.GetTimestamp();
            while (true)
            {
                var taken = await TakeOneAsync(channel, cancellationToken);
                if (taken is not null || clock.GetElapsedTime(started) >= wait)
                {
                    return new Lease(connection, channel, taken);
                }
                await Task.Delay(PollInterval, clock, cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The queue never has more than one ready record: the limit counts ready messages and also applies to a record that
    /// comes back to the queue, so a holder's record put back beside its replacement is dropped from the head.
    /// </summary>
    private static async Task<Taken?> TakeOneAsync(IChannel channel, CancellationToken cancellationToken) =>
        await channel.BasicGetAsync(QueueName, autoAck: false, cancellationToken) is { } message
            ? new Taken(message.DeliveryTag, message.Body.ToArray())
            : null;

    private sealed record Taken(ulong DeliveryTag, byte[] Body);

    private sealed class Lease(IConnection connection, IChannel channel, Taken? taken) : IRefreshTokenLease
    {
        public byte[]? Record => taken?.Body;

        public async Task ReplaceAsync(byte[] record, CancellationToken cancellationToken)
        {
            var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/octet-stream" };
            await channel.BasicPublishAsync("", QueueName, mandatory: true, properties, record, cancellationToken);
            if (taken is not null)
            {
                await channel.BasicAckAsync(taken.DeliveryTag, multiple: false, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
