using HubSpotCrm.Worker.Availability;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.Retries;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Runs a batch of commands against HubSpot so that no HubSpot-side trouble fails a command: while its queue is paused
/// (refused credentials or a missing scope, the daily limit, an outage of this kind of write) the batch goes back to
/// the queue untouched; when a call kept failing for transient reasons, each command is retried later through the wait
/// queues. Only after the last delayed retry does a command fail. Writes are idempotent, so running a batch again never
/// writes twice. This is the one place that decides to pause.
/// </summary>
public sealed class CommandBatchRunner(HubSpotAvailability availability, CommandRedelivery redelivery, ILogger<CommandBatchRunner> logger)
{
    public async Task RunAsync<TCommand>(ConsumeContext<Batch<TCommand>> batch, Func<Task> work)
        where TCommand : class
    {
        // A batch line concerns every request in it: name them all (a batch holds at most 100 commands, or bulk commands
        // of at most 100 each).
        using var _ = SerilogContext.PushProperty("RequestIds", batch.Message.SelectMany(m => CommandNames.RequestIdsOf(m.Message)).ToArray());
        var queue = InputQueue.Of(batch.ReceiveContext);
        if (availability.IsPaused(queue))
        {
            await ParkAsync(queue, batch);
            return;
        }
        try
        {
            await work();
            availability.ReportSuccess(queue);
        }
        catch (HubSpotUnavailableException unavailable)
        {
            availability.ReportUnavailable(queue, unavailable);
            await ParkAsync(queue, batch);
        }
        catch (HubSpotTransientException transient)
        {
            if (availability.ReportTransientFailure(queue, transient))
            {
                await ParkAsync(queue, batch);
                return;
            }
            foreach (var command in batch.Message)
            {
                await redelivery.RetryLaterAsync(command, transient);
            }
        }
    }

    private async Task ParkAsync<TCommand>(string queue, ConsumeContext<Batch<TCommand>> batch)
        where TCommand : class
    {
        logger.LogInformation("{Queue} is paused ({Reason}); {Count} commands go back to it", queue, availability.PauseOf(queue)?.Reason, batch.Message.Length);
        foreach (var command in batch.Message)
        {
            await redelivery.ParkAsync(command);
        }
    }
}
