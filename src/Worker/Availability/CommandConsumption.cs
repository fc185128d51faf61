using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Target;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.Retries;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;

namespace HubSpotCrm.Worker.Availability;

/// <summary>
/// Owns the command receive endpoints. They start once the wait queues exist and the idempotency keys are checked;
/// they stop while HubSpot is paused, so commands stay in their queues, and start again once the probe gets an answer.
/// </summary>
public sealed class CommandConsumption(
    IEnumerable<CommandEndpoint> endpoints,
    IReceiveEndpointConnector connector,
    IBusRegistrationContext registration,
    HubSpotAvailability availability,
    HubSpotClient hubSpot,
    WaitQueueTopology waitQueues,
    IdempotencyPropertyBootstrapper idempotency,
    HubSpotTarget target,
    TimeProvider clock,
    ILogger<CommandConsumption> logger) : BackgroundService, IConsumedQueues
{
    private static readonly TimeSpan StartupRetryDelay = TimeSpan.FromSeconds(5);

    public bool IsConsuming { get; private set; }

    public string StartupState { get; private set; } = "starting";

    public IEnumerable<string> Expected => IsConsuming ? endpoints.Select(e => e.Queue) : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Writing to {HubSpot}", target.Description);
        await PrepareAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var handles = endpoints.Select(e => connector.ConnectReceiveEndpoint(e.Queue, (_, cfg) => e.Configure(registration, cfg))).ToList();
            await Task.WhenAll(handles.Select(h => h.Ready));
            IsConsuming = true;
            logger.LogInformation("Consuming {Queues}", string.Join(", ", endpoints.Select(e => e.Queue)));

            await availability.PausedAsync(stoppingToken);
            IsConsuming = false;
            await Task.WhenAll(handles.Select(h => h.StopAsync(stoppingToken)));
            await ProbeUntilBackAsync(stoppingToken);
        }
    }

    /// <summary>Wait queues and idempotency-key properties must exist before the first command is taken.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                StartupState = "declaring wait queues";
                await waitQueues.DeclareAsync(endpoints.Select(e => e.Queue), stoppingToken);
                StartupState = "checking the idempotency-key properties in HubSpot";
                await idempotency.EnsureAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                StartupState = $"{StartupState} failed ({exception.Message}); retrying";
                logger.LogWarning("Cannot start consuming yet: {Reason}; retrying in {Seconds} s", exception.Message, StartupRetryDelay.TotalSeconds);
                await Task.Delay(StartupRetryDelay, clock, stoppingToken);
            }
        }
    }

    private async Task ProbeUntilBackAsync(CancellationToken stoppingToken)
    {
        while (availability.IsPaused)
        {
            await Task.Delay(availability.ProbeInterval, clock, stoppingToken);
            try
            {
                await hubSpot.ProbeAsync(stoppingToken);
                availability.Resume();
            }
            catch (Exception exception) when (exception is HubSpotUnavailableException or HubSpotTransientException)
            {
                logger.LogInformation("HubSpot is still unavailable: {Reason}", exception.Message);
            }
            catch (HubSpotApiException answered)
            {
                logger.LogInformation("HubSpot answers ({Status}) again", answered.Status);
                availability.Resume();
            }
        }
    }
}
