using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Moves a message the receive pipe refuses to its queue's _error queue, byte for byte, with MassTransit's fault
/// headers holding the reason. A receive filter cannot just throw: the broker would hand the message back again and
/// again. Moving it keeps the queue flowing and the message readable in the management UI, ready for redrive. When the
/// message cannot be moved as it came (its own headers leave no room in an AMQP frame for the fault headers, or the
/// broker refuses them), it is moved once more without them and with a shorter reason: the body is what matters.
/// </summary>
public sealed class ErrorQueue(BrokerAdministration administration, ILogger<ErrorQueue> logger)
{
    /// <summary>What MT-Fault-ExceptionType says for a message that is not a valid command.</summary>
    public const string InvalidCommandFault = "HubSpotCrm.InvalidCommand";

    private const int ShortReasonLength = 256;

    public async Task MoveAsync(string queue, ReceiveContext message, string reason, CancellationToken cancellationToken)
    {
        var errorQueue = WaitQueueNames.ErrorQueue(queue);
        try
        {
            await administration.MoveToErrorQueueAsync(message, errorQueue, Fault(message, reason), withOwnHeaders: true, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not move a refused message to {ErrorQueue} as it came; moving it without its own headers", errorQueue);
            var shortReason = FaultReason.Bound($"{reason} (its own headers were dropped: moving it with them failed with {exception.GetType().Name})",
                ShortReasonLength);
            await administration.MoveToErrorQueueAsync(message, errorQueue, Fault(message, shortReason), withOwnHeaders: false, cancellationToken);
        }
    }

    private static FaultHeaders Fault(ReceiveContext message, string reason) => new(InvalidCommandFault, reason, message.InputAddress);
}
