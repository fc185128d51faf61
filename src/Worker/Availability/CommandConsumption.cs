using System.Collections.Concurrent;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Target;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.Retries;
using MassTransit;

namespace HubSpotCrm.Worker.Availability;

/// <summary>
/// Owns the command receive endpoints. They start once the wait queues exist and the idempotency keys are checked.
/// Each stops while its queue is paused, so its commands stay in it, and starts again once a probe of the call that
/// failed gets an answer; an account-wide pause (credentials, daily limit) stops them all until the credentials probe
/// passes. Stopping an endpoint is bounded: one that never finishes stopping restarts the process.
/// </summary>
public sealed class CommandConsumption(
    IEnumerable<CommandEndpoint> endpoints,
    IReceiveEndpointConnector connector,
    IBusRegistrationContext registration,
    HubSpotAvailability availability,
    HubSpotClient hubSpot,
    WaitQueues waitQueues,
    BrokerAdministration administration,
    IdempotencyPropertyBootstrapper idempotency,
    BrokerOperations broker,
    HubSpotTarget target,
    TimeProvider clock,
    ILogger<CommandConsumption> logger) : BackgroundService, IConsumedQueues
{
    private static readonly TimeSpan StartupRetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, bool> _consuming = new(StringComparer.Ordinal);

    /// <summary>True once every queue is consuming.</summary>
    public bool IsConsuming => endpoints.All(e => _consuming.GetValueOrDefault(e.Queue));

    public string StartupState { get; private set; } = "starting";

    public IEnumerable<string> Expected => endpoints.Select(e => e.Queue).Where(q => _consuming.GetValueOrDefault(q));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Writing to {HubSpot}", target.Description);
        await PrepareAsync(stoppingToken);
        StartupState = "connecting the command queues";
        await Task.WhenAll([.. endpoints.Select(e => ConsumeAsync(e, stoppingToken)), ProbeAccountAsync(stoppingToken)]);
    }

    /// <summary>The queues, of the configured type, and the idempotency-key properties must exist before the first command is taken.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                StartupState = "declaring the queues";
                await administration.DeclareQueuesAsync([.. endpoints.Select(e => waitQueues.Topology(e.Queue)), WaitQueueNames.Topology(CommandCatalogue.GetNewObjectsQueue, [])], stoppingToken);
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

    private async Task ConsumeAsync(CommandEndpoint endpoint, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handle = connector.ConnectReceiveEndpoint(endpoint.Queue, (_, cfg) => endpoint.Configure(registration, cfg));
            await handle.Ready.WaitAsync(stoppingToken);
            _consuming[endpoint.Queue] = true;
            logger.LogInformation("Consuming {Queue}", endpoint.Queue);

            await availability.PausedAsync(endpoint.Queue, stoppingToken);
            _consuming[endpoint.Queue] = false;
            await broker.RunAsync($"Stopping the endpoint {endpoint.Queue}", handle.StopAsync, stoppingToken);
            await ProbeQueueAsync(endpoint.Queue, stoppingToken);
        }
    }

    /// <summary>Asks HubSpot about the call that paused the queue until it answers; the account's pause is probed elsewhere.</summary>
    private async Task ProbeQueueAsync(string queue, CancellationToken stoppingToken)
    {
        while (availability.PauseOf(queue) is { } pause)
        {
            await Task.Delay(availability.ProbeInterval(pause), clock, stoppingToken);
            if (availability.AccountPause is null && await AnswersAsync(pause, stoppingToken))
            {
                availability.Resume(queue);
            }
        }
    }

    private async Task ProbeAccountAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await availability.AccountPausedAsync(stoppingToken);
            while (availability.AccountPause is { } pause)
            {
                await Task.Delay(availability.ProbeInterval(pause), clock, stoppingToken);
                if (await AnswersAsync(pause, stoppingToken))
                {
                    availability.ResumeAccount();
                }
            }
        }
    }

    private async Task<bool> AnswersAsync(PauseState pause, CancellationToken stoppingToken)
    {
        try
        {
            await hubSpot.ProbeAsync(pause.Probe, stoppingToken);
            return true;
        }
        catch (Exception exception) when (exception is HubSpotUnavailableException or HubSpotTransientException)
        {
            logger.LogInformation("HubSpot still does not answer {Call}: {Reason}", pause.Probe, exception.Message);
            return false;
        }
        catch (HubSpotApiException answered)
        {
            logger.LogInformation("HubSpot answers {Call} ({Status}) again", pause.Probe, answered.Status);
            return true;
        }
    }
}
