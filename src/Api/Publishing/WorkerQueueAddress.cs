using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Api.Publishing;

/// <summary>
/// Where the Api sends to a queue the Worker consumes: an exchange of the Api's own
/// (<see cref="CommandCatalogue.ApiExchangeOf"/>), which MassTransit declares and binds to the queue, declaring the queue
/// too, so a send before the Worker ever ran or after the queue was deleted is still kept. Sending to
/// "queue:hubspot.upsert-contact" would bind the queue's exchange of the same name instead, which RabbitMQ authorises as
/// read on that name, the permission that also consumes the queue: this way the Api's broker user needs no read on the
/// Worker's queues (scripts/rabbitmq/definitions.template.json).
/// </summary>
public static class WorkerQueueAddress
{
    public static Uri For(string queue) => new($"exchange:{CommandCatalogue.ApiExchangeOf(queue)}?bind=true&queue={queue}");
}
