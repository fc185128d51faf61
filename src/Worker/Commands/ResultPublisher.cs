using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Diagnostics;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>Publishes the one result event of a command, and counts the command's outcome.</summary>
public sealed class ResultPublisher(WorkerMetrics metrics)
{
    public Task PublishAsync<TCommand>(ConsumeContext<TCommand> command, object result)
        where TCommand : class
    {
        metrics.CommandFinished(CommandNames.Of<TCommand>(), result is CommandFailed ? "failed" : "succeeded");
        return command.Publish(result);
    }

    public void BatchConsumed<TCommand>(int size)
        where TCommand : class => metrics.Batch(CommandNames.Of<TCommand>(), size);
}
