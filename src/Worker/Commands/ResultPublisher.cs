using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Contracts.Headers;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Diagnostics;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>Publishes the one result event of a command, within the broker bound, and counts the command's outcome.</summary>
public sealed class ResultPublisher(BrokerOperations broker, WorkerMetrics metrics)
{
    public Task PublishAsync<TCommand>(ConsumeContext<TCommand> command, object result)
        where TCommand : class => PublishAsync(command, CommandNames.Of<TCommand>(), result);

    /// <param name="commandName">The command's name in the catalogue, for its metrics.</param>
    public async Task PublishAsync(ConsumeContext command, string commandName, object result)
    {
        // The request belongs to the client its command named: the Api records the result as that client's.
        var client = command.Headers.Get<string>(ClientHeader.Name);
        await broker.RunAsync($"Publishing the {result.GetType().Name} of a command",
            token => command.Publish(result, Pipe.Execute<PublishContext>(p => p.Headers.SetClient(client)), token), command.CancellationToken);
        metrics.CommandFinished(commandName, result is CommandFailed ? "failed" : "succeeded");
    }

    public void BatchConsumed<TCommand>(int size)
        where TCommand : class => metrics.Batch(CommandNames.Of<TCommand>(), size);
}
