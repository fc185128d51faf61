using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Publishes commands about every 20 ms until stopped, as other services go on publishing while an operator works on
/// the broker: mandatory and confirmed, alternately through the message-type exchange and the Api's exchange, so a
/// command that no queue takes fails the publish.
/// </summary>
public sealed class SteadyPublisher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Guid> _published = [];
    private readonly Task _loop;

    private SteadyPublisher(IChannel channel) => _loop = RunAsync(channel);

    public static async Task<SteadyPublisher> StartAsync(IConnection connection)
    {
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new SteadyPublisher(channel);
    }

    /// <summary>Stops, and returns the message ids the broker confirmed; throws what a publish met (an unroutable command).</summary>
    public async Task<IReadOnlyList<Guid>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _published;
    }

    private async Task RunAsync(IChannel channel)
    {
        await using var _ = channel;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            for (var i = 0; await pace.WaitForNextTickAsync(_stop.Token); i++)
            {
                var id = Guid.NewGuid();
                await ClassicTopology.PublishAsync(channel, i % 2 == 0 ? ClassicTopology.MessageTypeExchange : ClassicTopology.ApiExchange, "", id);
                _published.Add(id);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // StopAsync reports what went wrong; disposing after a failed test must not hide that failure.
        }
        _stop.Dispose();
    }
}
