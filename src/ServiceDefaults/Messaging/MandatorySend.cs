using MassTransit;

namespace HubSpotCrm.ServiceDefaults.Messaging;

public static class MandatorySend
{
    /// <summary>
    /// Asks the broker to return the message when no queue takes it, which MassTransit then throws as
    /// <see cref="MessageReturnedException"/>: without it an unroutable send (a queue or binding deleted, expired or lost
    /// with a node) is confirmed and dropped.
    /// </summary>
    public static void Mandatory(this SendContext context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
        {
            rabbit.Mandatory = true;
        }
    }
}
