using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using HubSpotCrm.Worker.Commands;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace HubSpotCrm.Worker.Retries;

/// <summary>
/// Sends a command back to its queue later instead of failing it: through the next wait queue while retries remain,
/// through the first one without counting an attempt while HubSpot is paused, and to _error with a CommandFailed
/// once the last retry has failed too. Every forward is mandatory and confirmed within the broker bound: a wait queue
/// that is gone (deleted, lost with a node) is declared again and the forward repeated, never acknowledged into nowhere.
/// </summary>
public sealed class CommandRedelivery(
    IBus bus,
    WaitQueues waitQueues,
    BrokerAdministration administration,
    ResultPublisher results,
    BrokerOperations broker,
    ILogger<CommandRedelivery> logger)
{
    /// <summary>HubSpot is paused: the command comes back after the first delay, its retries untouched.</summary>
    public Task ParkAsync<TCommand>(ConsumeContext<TCommand> command)
        where TCommand : class => ForwardAsync(command, WaitQueue(QueueOf(command), waitQueues.Delays[0]), AttemptOf(command), null);

    public async Task RetryLaterAsync<TCommand>(ConsumeContext<TCommand> command, Exception reason)
        where TCommand : class
    {
        var attempt = AttemptOf(command);
        var queue = QueueOf(command);
        var requestIds = CommandNames.RequestIdsOf(command.Message);
        using var requestScope = requestIds is [var only]
            ? SerilogContext.PushProperty("RequestId", only)
            : SerilogContext.PushProperty("RequestIds", requestIds.ToArray());
        using var messageScope = SerilogContext.PushProperty("MessageId", command.MessageId);
        using var conversationScope = SerilogContext.PushProperty("ConversationId", command.ConversationId);
        if (attempt < waitQueues.Delays.Count)
        {
            var delay = waitQueues.Delays[attempt];
            logger.LogWarning("Retrying a command in {Delay} (retry {Attempt} of {Retries}): {Reason}",
                delay, attempt + 1, waitQueues.Delays.Count, reason.Message);
            await ForwardAsync(command, WaitQueue(queue, delay), attempt + 1, reason.Message);
            return;
        }

        var message = $"HubSpot kept failing after {waitQueues.Delays.Count} delayed retries: {reason.Message}";
        logger.LogError("Giving up on a command after {Retries} delayed retries: {Reason}", waitQueues.Delays.Count, reason.Message);
        await ForwardAsync(command, WaitQueueNames.ErrorQueueAddress(queue), attempt, message,
            new FaultHeaders(reason.GetType().FullName ?? reason.GetType().Name, message, command.ReceiveContext.InputAddress));
        await Task.WhenAll(requestIds.Select(requestId =>
            results.PublishAsync(command, new CommandFailed(requestId, CommandNames.Of<TCommand>(), CommandFailures.RetriesExhausted, message))));
    }

    /// <summary>
    /// Wait queues are reached through their exchange: sending to "queue:" would make MassTransit declare the queue
    /// without its TTL and dead-letter arguments, which the broker refuses.
    /// </summary>
    private static Uri WaitQueue(string queue, TimeSpan delay) => new($"exchange:{WaitQueueNames.Name(queue, delay)}");

    private async Task ForwardAsync<TCommand>(ConsumeContext<TCommand> command, Uri destination, int attempt, string? reason, FaultHeaders? fault = null)
        where TCommand : class
    {
        try
        {
            await SendAsync(command, destination, attempt, reason, fault);
        }
        catch (MessageReturnedException returned)
        {
            logger.LogWarning("{Destination} did not route the command ({Reason}); declaring the wait queues again", destination, returned.Message);
            await administration.DeclareQueuesAsync([waitQueues.Topology(QueueOf(command))], command.CancellationToken);
            await SendAsync(command, destination, attempt, reason, fault);
        }
    }

    private Task SendAsync<TCommand>(ConsumeContext<TCommand> command, Uri destination, int attempt, string? reason, FaultHeaders? fault)
        where TCommand : class => broker.RunAsync($"Forwarding a command to {destination}", async token =>
    {
        // The bus's endpoint, not the consume context's: MassTransit awaits every send made through the context when
        // the message is done, so a forward returned unroutable and then repeated would still fault the receive and
        // put the command, carried out after all, into _error.
        var endpoint = await bus.GetSendEndpoint(destination);
        await endpoint.Send(command.Message, Pipe.Execute<SendContext<TCommand>>(send =>
        {
            send.Mandatory();
            // The same message, not a new one: keep its ids so logs and traces follow it through the retries.
            send.MessageId = command.MessageId;
            send.CorrelationId = command.CorrelationId;
            send.ConversationId = command.ConversationId;
            send.InitiatorId = command.InitiatorId;
            foreach (var (key, value) in command.Headers.GetAll())
            {
                if (!key.StartsWith("MT-", StringComparison.Ordinal) && !key.StartsWith("x-", StringComparison.Ordinal))
                {
                    send.Headers.Set(key, value);
                }
            }
            FaultHeaders.WriteRetry(send.Headers, attempt, reason);
            fault?.WriteTo(send.Headers);
        }), token);
    }, command.CancellationToken);

    private static int AttemptOf<TCommand>(ConsumeContext<TCommand> command)
        where TCommand : class => command.Headers.Get<int>(FaultHeaders.RetryAttempt) ?? 0;

    private static string QueueOf<TCommand>(ConsumeContext<TCommand> command)
        where TCommand : class => command.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last();
}
