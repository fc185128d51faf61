using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Api.Publishing;

/// <summary>
/// Where the Api sends to a queue the Worker consumes: an exchange of the Api's own
/// (<see cref="CommandCatalogue.ApiExchangeOf"/>), bound to the queue (<see cref="SendTargets"/>), so a send before the
/// Worker ever ran is still kept. Sending to "queue:hubspot.upsert-contact" would bind the queue's exchange of the same
/// name instead, which RabbitMQ authorises as read on that name, the permission that also consumes the queue: this way
/// the Api's broker user needs no read on the Worker's queues (scripts/rabbitmq/definitions.template.json).
/// </summary>
public static class WorkerQueueAddress
{
    public static Uri For(string queue) => new($"exchange:{CommandCatalogue.ApiExchangeOf(queue)}");
}
