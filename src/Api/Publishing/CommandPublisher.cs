using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Publishing;

/// <summary>
/// Puts a command on its queue and waits for the broker's confirm, but never longer than the publish timeout:
/// MassTransit would otherwise keep retrying for as long as the broker is away, and the caller would hang.
/// </summary>
public sealed class CommandPublisher(IBus bus, IOptions<RabbitMqOptions> options)
{
    public async Task SendAsync<TCommand>(string queue, TCommand command, CancellationToken cancellationToken)
        where TCommand : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(BusTopology.QueueAddress(queue));
            await endpoint.Send(command, timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is OperationCanceledException or MassTransitException)
        {
            throw new BrokerUnavailableException(queue, exception);
        }
    }
}
