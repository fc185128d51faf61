using HubSpotCrm.Worker.Availability;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.Retries;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Runs a batch of commands against HubSpot so that no HubSpot-side trouble fails a command: while HubSpot is paused
/// (daily limit, refused credentials, outage) the batch goes back to its queue untouched; when a call kept failing
/// for transient reasons, each command is retried later through the wait queues. Only after the last delayed retry
/// does a command fail. Writes are idempotent, so running a batch again never writes twice.
/// </summary>
public sealed class CommandBatchRunner(HubSpotAvailability availability, CommandRedelivery redelivery, ILogger<CommandBatchRunner> logger)
{
    public async Task RunAsync<TCommand>(ConsumeContext<Batch<TCommand>> batch, Func<Task> work)
        where TCommand : class
    {
        // A batch line concerns every request in it: name them all (a batch holds at most 100).
        using var _ = SerilogContext.PushProperty("RequestIds", batch.Message.Select(m => CommandNames.RequestIdOf(m.Message)).ToArray());
        if (availability.IsPaused)
        {
            await ParkAsync(batch);
            return;
        }
        try
        {
            await work();
            availability.ReportSuccess();
        }
        catch (HubSpotUnavailableException unavailable)
        {
            availability.ReportUnavailable(unavailable);
            await ParkAsync(batch);
        }
        catch (HubSpotTransientException transient)
        {
            if (availability.ReportTransientFailure(transient))
            {
                await ParkAsync(batch);
                return;
            }
            foreach (var command in batch.Message)
            {
                await redelivery.RetryLaterAsync(command, transient);
            }
        }
    }

    private async Task ParkAsync<TCommand>(ConsumeContext<Batch<TCommand>> batch)
        where TCommand : class
    {
        logger.LogInformation("HubSpot is paused ({Reason}); {Count} commands go back to their queue", availability.Pause?.Reason, batch.Message.Length);
        foreach (var command in batch.Message)
        {
            await redelivery.ParkAsync(command);
        }
    }
}
