using HubSpotCrm.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// Bounds a broker operation that nothing else bounds: a send, a publish or stopping an endpoint inside the service.
/// A publish can wait for its confirm forever after a broker restart (rabbitmq-dotnet-client #1930, still seen with the
/// 7.2.2 we pin), and a consumer stuck in it holds its message and keeps its endpoint from ever restarting. Past the
/// bound the operation is abandoned (its message is not acknowledged, so it comes back) and the process restarts
/// through its supervisor, since a connection in that state does not heal.
/// </summary>
public sealed class BrokerOperations(IOptions<RabbitMqOptions> options, SupervisorRestart restart)
{
    public async Task RunAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var bound = options.Value.OperationTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            await operation(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            restart.Request($"{what} took longer than {bound.TotalSeconds:0} s (RabbitMq:OperationTimeout): the broker connection is stuck");
            throw new TimeoutException($"{what} took longer than {bound.TotalSeconds:0} s.");
        }
    }
}
