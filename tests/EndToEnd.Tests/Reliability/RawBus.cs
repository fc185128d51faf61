using System.Text;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// Publishes raw bodies with RabbitMQ.Client, as a service written in another language would: back to back on one
/// channel, persistent, each confirmed by the broker.
/// </summary>
public static class RawBus
{
    public const string Json = "application/json";
    public const string MassTransitEnvelope = "application/vnd.masstransit+json";

    public static async Task PublishAsync(Uri amqpUri, string exchange, IEnumerable<string> bodies, string contentType = Json,
        IDictionary<string, object?>? headers = null)
    {
        await using var connection = await new ConnectionFactory { Uri = amqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var body in bodies)
        {
            var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, Headers = headers };
            await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }
    }

    /// <summary>An event as MassTransit puts it on the wire: the envelope, with the event under "message".</summary>
    public static string Envelope(string eventType, object message) => JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        conversationId = Guid.NewGuid(),
        messageType = new[] { $"urn:message:HubSpotCrm.Contracts.Events:{eventType}" },
        message,
        sentTime = DateTime.UtcNow,
        headers = new { },
    }, JsonSerializerOptions.Web);
}
