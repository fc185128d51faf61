using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Sends a delivery on to its next stop: a wait queue, whose TTL returns it to the delivery queue after the delay, or
/// the _error queue, where it is parked with its reason in MassTransit's fault headers for operators to see. Every
/// forward is mandatory and confirmed; a wait queue that is gone is declared again and the forward repeated.
/// </summary>
public sealed class WebhookRedelivery(IBus bus, BrokerAdministration administration, BrokerOperations broker, IOptions<WebhookOptions> options)
{
    public static int AttemptOf(ConsumeContext context) => context.Headers.Get<int>(FaultHeaders.RetryAttempt) ?? 0;

    /// <summary>Waits out the first delay without counting an attempt: its endpoint was at its limit.</summary>
    public Task DeferAsync(ConsumeContext<DeliverWebhook> delivery) =>
        ForwardAsync(delivery, WaitQueue(delivery, options.Value.EffectiveDelays[0]), AttemptOf(delivery), null, null);

    public Task RetryAsync(ConsumeContext<DeliverWebhook> delivery, TimeSpan delay, int attempt, string reason) =>
        ForwardAsync(delivery, WaitQueue(delivery, delay), attempt, reason, null);

    public Task ParkAsync(ConsumeContext<DeliverWebhook> delivery, string reason) =>
        ForwardAsync(delivery, WaitQueueNames.ErrorQueueAddress(WebhookDeliveryEndpoint.QueueOf(delivery)), AttemptOf(delivery), reason,
            new FaultHeaders("WebhookDeliveryParked", reason, delivery.ReceiveContext.InputAddress));

    /// <summary>Through the wait queue's exchange: "queue:" would have MassTransit declare it without its TTL.</summary>
    private static Uri WaitQueue(ConsumeContext delivery, TimeSpan delay) =>
        new($"exchange:{WaitQueueNames.Name(WebhookDeliveryEndpoint.QueueOf(delivery), delay)}");

    private async Task ForwardAsync(ConsumeContext<DeliverWebhook> delivery, Uri destination, int attempt, string? reason, FaultHeaders? fault)
    {
        try
        {
            await SendAsync(delivery, destination, attempt, reason, fault);
        }
        catch (MessageReturnedException)
        {
            await administration.DeclareQueuesAsync([WebhookDeliveryEndpoint.Topology(WebhookDeliveryEndpoint.QueueOf(delivery), options.Value)], delivery.CancellationToken);
            await SendAsync(delivery, destination, attempt, reason, fault);
        }
    }

    private Task SendAsync(ConsumeContext<DeliverWebhook> delivery, Uri destination, int attempt, string? reason, FaultHeaders? fault) =>
        broker.RunAsync($"Forwarding a webhook delivery to {destination}", async token =>
        {
            // The bus's endpoint, not the context's: see CommandRedelivery in the Worker for why.
            var endpoint = await bus.GetSendEndpoint(destination);
            await endpoint.Send(delivery.Message, Pipe.Execute<SendContext<DeliverWebhook>>(send =>
            {
                send.Mandatory();
                send.MessageId = delivery.MessageId;
                FaultHeaders.WriteRetry(send.Headers, attempt, reason);
                fault?.WriteTo(send.Headers);
            }), token);
        }, delivery.CancellationToken);
}
