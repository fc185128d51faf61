using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Webhooks;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Messaging;

/// <summary>
/// Declares the Api's queues at start, of the type RabbitMq:QueueType names: those it sends to (<see cref="SendTargets"/>),
/// the status queue it consumes, and the webhook delivery queues with their wait and _error queues, so the first retries
/// find them (a forward to a missing one is returned by the broker and declared then, <see cref="WebhookRedelivery"/>,
/// which MassTransit logs as an error every time). The Api is not ready until they exist: a command sent before would
/// find no queue. A queue an earlier version left of the other type keeps it not ready, saying what to do
/// (<see cref="QueueTypeMismatchException"/>).
/// </summary>
public sealed class QueuesPreparation(
    BrokerAdministration administration,
    SendTargets sendTargets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<QueuesPreparation> logger) : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private volatile string? _problem = "The Api's queues are not declared yet.";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_problem is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy("The Api's queues are declared."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sendTargets.DeclareAsync(stoppingToken);
                await administration.DeclareQueuesAsync([
                    WaitQueueNames.Topology(CommandCatalogue.RequestStatusQueue, []),
                    .. WebhookDeliveryEndpoint.Queues(options.Value).Select(q => WebhookDeliveryEndpoint.Topology(q, options.Value)),
                ], stoppingToken);
                _problem = null;
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _problem = $"Cannot declare the Api's queues: {exception.Message}";
                logger.LogWarning("Cannot declare the Api's queues yet ({Reason}); retrying in {Seconds} s", exception.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, clock, stoppingToken);
            }
        }
    }
}
