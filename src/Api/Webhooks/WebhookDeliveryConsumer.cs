using HubSpotCrm.Api.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Makes one attempt of a callback and decides what follows: delivered on 2xx; retried after the next delay on a network
/// error, a timeout, 408, 429 or 5xx, while the retry time lasts; parked, with the reason, on any other answer or once
/// the retry time is spent. An endpoint that holds all the slots it may (<see cref="WebhookEndpointLimiter"/>) gets no
/// attempt: the delivery waits out the first delay without counting one, so one of a client's receivers that hangs holds
/// some of that client's slots, never all of them.
/// </summary>
public sealed class WebhookDeliveryConsumer(
    WebhookSender sender,
    WebhookDeliveryStore store,
    WebhookAttemptRecorder attempts,
    WebhookRedelivery redelivery,
    WebhookEndpointLimiter limiter,
    IOptions<WebhookOptions> options,
    WebhookMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookDeliveryConsumer> logger) : IConsumer<DeliverWebhook>
{
    public async Task Consume(ConsumeContext<DeliverWebhook> context)
    {
        var delivery = context.Message;
        using var _ = RequestIdScope.Begin(logger, delivery.Id);
        if (options.Value.For(delivery.Client)?.Secret is not { Length: > 0 } secret)
        {
            var reason = $"Client '{delivery.Client}' has no signing secret configured (Webhooks:Clients:{delivery.Client}:Secret) any more.";
            await ParkAsync(context, reason, () => store.ParkUnattemptedAsync(delivery, reason, context.CancellationToken));
            return;
        }
        var target = new Uri(delivery.Url);
        WebhookAttempt attempt;
        // The endpoint's slot covers the POST only, not the bookkeeping after it.
        using (var lease = await limiter.EnterAsync(target, context.CancellationToken))
        {
            if (!lease.IsAcquired)
            {
                await DeferAsync(context);
                return;
            }
            attempt = await sender.SendAsync(target, secret, delivery.Id.ToString(), delivery.Payload, context.CancellationToken);
        }
        if (attempt.Delivered)
        {
            await attempts.RecordAsync(delivery, WebhookStates.Delivered, attempt, null);
            metrics.Attempted(WebhookOutcomes.Delivered);
            metrics.Delivered(clock.GetUtcNow() - delivery.FinalAt);
            logger.LogDebug("Delivered the {Subject} callback: the receiver answered {Status}", delivery.Subject, attempt.ResponseStatus);
            return;
        }
        var retries = WebhookRedelivery.AttemptOf(context);
        var delay = options.Value.EffectiveDelays[Math.Min(retries, options.Value.EffectiveDelays.Count - 1)];
        var nextAttemptAt = clock.GetUtcNow() + delay;
        if (!attempt.Retry || nextAttemptAt > delivery.FinalAt + options.Value.RetryFor)
        {
            var reason = attempt.Retry
                ? $"Gave up after {retries + 1} attempts over {options.Value.RetryFor} (Webhooks:RetryFor): {attempt.Error}"
                : attempt.Error!;
            await ParkAsync(context, reason, () => attempts.RecordAsync(delivery, WebhookStates.Parked, attempt with { Error = reason }, null));
            return;
        }
        logger.LogInformation("A {Subject} callback failed ({Reason}); attempt {Attempt} in {Delay}", delivery.Subject, attempt.Error, retries + 2, delay);
        await attempts.RecordAsync(delivery, WebhookStates.Failing, attempt, nextAttemptAt);
        await redelivery.RetryAsync(context, delay, retries + 1, attempt.Error!);
        metrics.Attempted(WebhookOutcomes.Retrying);
    }

    private async Task DeferAsync(ConsumeContext<DeliverWebhook> context)
    {
        var delivery = context.Message;
        if (clock.GetUtcNow() > delivery.FinalAt + options.Value.RetryFor)
        {
            var reason = $"Gave up after {options.Value.RetryFor} (Webhooks:RetryFor): the endpoint was at its limit of attempts in flight.";
            await ParkAsync(context, reason, () => store.ParkUnattemptedAsync(delivery, reason, context.CancellationToken));
            return;
        }
        metrics.Attempted(WebhookOutcomes.Deferred);
        await redelivery.DeferAsync(context);
    }

    private async Task ParkAsync(ConsumeContext<DeliverWebhook> context, string reason, Func<Task> record)
    {
        logger.LogWarning("Parked a {Subject} callback: {Reason}", context.Message.Subject, reason);
        await record();
        await redelivery.ParkAsync(context, reason);
        metrics.Attempted(WebhookOutcomes.Parked);
    }
}
