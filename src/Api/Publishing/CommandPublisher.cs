using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Headers;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Publishing;

/// <summary>
/// Puts a command on its queue and waits for the broker's confirm, but never longer than the publish timeout:
/// MassTransit would otherwise keep retrying for as long as the broker is away, and the caller would hang. The wait
/// itself is bounded too, because not every step honours the token (re-creating a send transport after an outage
/// waited for the connection for more than 30 s); a send left behind may still land, which a retry with the same
/// Idempotency-Key turns into the same request. The send is mandatory: a command no queue takes (its queue deleted,
/// expired or lost with a node) comes back as a 503 instead of a 202 for a command that is gone, and the queue is
/// declared again for the next send (<see cref="SendTargets"/>).
/// </summary>
public sealed class CommandPublisher(IBus bus, SendTargets targets, IOptions<RabbitMqOptions> options)
{
    /// <param name="client">The API client the command is sent for: it travels as the command's client header, so its
    /// result is recorded as this client's even when the Api's own row was rolled back after a lost confirm.</param>
    public async Task SendAsync<TCommand>(TCommand command, string client, CancellationToken cancellationToken)
        where TCommand : class
    {
        var definition = CommandCatalogue.For<TCommand>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await SendCoreAsync(definition, command, client, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is OperationCanceledException or MassTransitException)
        {
            if (exception is MessageReturnedException)
            {
                targets.DeclareAgain();
            }
            throw new BrokerUnavailableException(definition.Queue, exception);
        }
    }

    private async Task SendCoreAsync<TCommand>(CommandDefinition definition, TCommand command, string client, CancellationToken cancellationToken)
        where TCommand : class
    {
        var endpoint = await bus.GetSendEndpoint(WorkerQueueAddress.For(definition.Queue));
        await endpoint.Send(command, Pipe.Execute<SendContext<TCommand>>(send =>
        {
            send.Mandatory();
            send.Headers.Set(ClientHeader.Name, client);
        }), cancellationToken);
    }
}
