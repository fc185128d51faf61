using HubSpotCrm.Api.Problems;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// The queue of callbacks to deliver, consumed by every Api instance. Retries wait in its TTL wait queues (as commands
/// do in the Worker's), so a delivery lives in the broker, not in an Api's memory, from the moment its request turned
/// final until it is delivered or parked in its _error queue.
/// </summary>
public static class WebhookDeliveryEndpoint
{
    public const string Queue = "hubspot.webhook-delivery";

    public static readonly Uri Address = new($"queue:{Queue}");

    public static WaitQueueTopology Topology(WebhookOptions options) => WaitQueueNames.Topology(Queue, options.EffectiveDelays);

    public static void AddWebhookDeliveryConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<WebhookDeliveryConsumer>();

    /// <summary>
    /// A database outage holds deliveries unacknowledged, retrying as results do; anything else a consumer throws is a
    /// bug, which a few quick retries and then _error show. An attempt's own failures never throw: they are retried
    /// through the wait queues.
    /// </summary>
    public static void ConfigureWebhookDeliveryEndpoint(this IRabbitMqBusFactoryConfigurator cfg, IBusRegistrationContext context) =>
        cfg.ReceiveEndpoint(Queue, e =>
        {
            var options = context.GetRequiredService<IOptions<WebhookOptions>>().Value;
            // The message type's exchange is never published to: deliveries are sent to this queue only.
            e.ConfigureConsumeTopology = false;
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
