using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Declares the delivery queues' wait queues and _error queues at start, so the first retries find them: a forward to
/// a missing one is returned by the broker (and declared then, <see cref="WebhookRedelivery"/>), which MassTransit logs as
/// an error every time.
/// </summary>
public sealed class WebhookQueuesPreparation(
    BrokerAdministration administration,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookQueuesPreparation> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queues = WebhookDeliveryEndpoint.Queues(options.Value).ToList();
                if (queues.Count > 0)
                {
                    await administration.DeclareWaitQueuesAsync(queues.Select(q => WebhookDeliveryEndpoint.Topology(q, options.Value)), stoppingToken);
                }
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot declare the webhook delivery's wait queues yet ({Reason}); retrying in {Seconds} s", exception.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, clock, stoppingToken);
            }
        }
    }
}
