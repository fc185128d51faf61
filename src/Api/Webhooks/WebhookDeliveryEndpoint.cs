using HubSpotCrm.Api.Problems;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// The queues of callbacks to deliver, one per client with callbacks configured, consumed by every Api instance: a
/// client whose receiver is slow or dead fills only its own queue and its own delivery slots, never another client's.
/// Retries wait in each queue's TTL wait queues (as commands do in the Worker's), so a delivery lives in the broker,
/// not in an Api's memory, from the moment its request turned final until it is delivered or parked in the _error queue.
/// </summary>
public static class WebhookDeliveryEndpoint
{
    public const string QueuePrefix = "hubspot.webhook-delivery.";

    public static string QueueFor(string client) => QueuePrefix + client;

    /// <summary>The queue's exchange, bound to it when the Api declares the queue at start: "queue:" would declare it classic.</summary>
    public static Uri AddressFor(string client) => new($"exchange:{QueueFor(client)}");

    /// <summary>The queue a delivery was consumed from: its retries wait in that queue's wait queues.</summary>
    public static string QueueOf(ConsumeContext delivery) =>
        delivery.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();

    public static WaitQueueTopology Topology(string queue, WebhookOptions options) => WaitQueueNames.Topology(queue, options.EffectiveDelays);

    public static IEnumerable<string> Queues(WebhookOptions options) =>
        options.Clients.Where(c => c.Value.IsConfigured).Select(c => QueueFor(c.Key));

    public static void AddWebhookDeliveryConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<WebhookDeliveryConsumer>();

    /// <summary>
    /// A database outage holds deliveries unacknowledged, retrying as results do; anything else a consumer throws is a
    /// bug, which a few quick retries and then _error show. An attempt's own failures never throw: they are retried
    /// through the wait queues.
    /// </summary>
    public static void ConfigureWebhookDeliveryEndpoints(this IRabbitMqBusFactoryConfigurator cfg, IBusRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<WebhookOptions>>().Value;
        foreach (var queue in Queues(options))
        {
            cfg.ReceiveEndpoint(queue, e =>
            {
                // The message type's exchange is never published to: deliveries are sent to these queues only.
                e.ConfigureConsumeTopology = false;
                e.UseConfiguredQueueType(context.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
                e.PrefetchCount = options.ConcurrentDeliveries * 2;
                e.ConcurrentMessageLimit = options.ConcurrentDeliveries;
                e.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(DatabaseOutage.Is);
                    r.Exponential(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));
                });
                e.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(DatabaseOutage.Is);
                    r.Exponential(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(300));
                });
                e.ConfigureConsumer<WebhookDeliveryConsumer>(context);
            });
        }
    }
}
