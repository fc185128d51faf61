using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;

namespace HubSpotCrm.Api.Publishing;

/// <summary>
/// The queues the Api sends to, each behind the Api's exchange of its own (<see cref="WorkerQueueAddress"/>), which the
/// Api declares of RabbitMq:QueueType's type before it sends: MassTransit, left to declare a queue it sends to, would
/// declare it without arguments, a classic queue, and the broker would refuse that beside the quorum queue the Worker
/// declares. A send that comes back unroutable (its queue deleted by hand) has them declared again, so the caller's
/// retry of the 503 gets through.
/// </summary>
public sealed class SendTargets(BrokerAdministration administration, ILogger<SendTargets> logger)
{
    private int _declaringAgain;

    public static IReadOnlyList<(string Exchange, string Queue)> All { get; } =
        [.. CommandCatalogue.Commands.Select(c => c.Queue).Append(CommandCatalogue.GetNewObjectsQueue).Select(q => (CommandCatalogue.ApiExchangeOf(q), q))];

    public Task DeclareAsync(CancellationToken cancellationToken) => administration.DeclareBoundQueuesAsync(All, cancellationToken);

    /// <summary>In the background, one at a time: the send that came back has already been answered 503.</summary>
    public void DeclareAgain()
    {
        if (Interlocked.CompareExchange(ref _declaringAgain, 1, 0) != 0)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await DeclareAsync(CancellationToken.None);
                logger.LogWarning("A command came back unroutable; the queues the Api sends to are declared again");
            }
            catch (Exception exception)
            {
                logger.LogWarning("A command came back unroutable, and its queue cannot be declared again yet: {Reason}", exception.Message);
            }
            finally
            {
                Volatile.Write(ref _declaringAgain, 0);
            }
        });
    }
}
