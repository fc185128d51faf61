using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// A stack whose Worker gives up on a call quickly, retries through 1 s and 2 s wait queues, and probes a paused
/// HubSpot every second, so outages and retries play out in seconds instead of minutes.
/// </summary>
public class ReliabilityStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        options.Worker["HubSpot__Retry__MaxRetryAttempts"] = "2";
        options.Worker["HubSpot__Retry__BaseDelay"] = "00:00:00.100";
        options.Worker["HubSpot__Retry__MaxDelay"] = "00:00:00.300";
        options.Worker["HubSpot__Retry__TotalTimeout"] = "00:00:15";
        options.Worker["HubSpot__AttemptTimeout"] = "00:00:03";
        options.Worker["Worker__Retries__Delays__0"] = "00:00:01";
        options.Worker["Worker__Retries__Delays__1"] = "00:00:02";
        options.Worker["Worker__Availability__ProbeInterval"] = "00:00:01";
        options.Worker["Worker__Availability__DailyLimitProbeInterval"] = "00:00:01";
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> WorkerReadinessAsync()
    {
        using var http = new HttpClient { BaseAddress = Worker.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync("/health/ready");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>
    /// Messages sitting in every _error queue of the vhost, counted by the broker itself (a passive declare): the
    /// management API's counts lag by its statistics interval, so a message just parked or just redriven could be
    /// counted in the wrong test.
    /// </summary>
    public async Task<long> DeadLetteredAsync()
    {
        var errorQueues = (await Broker.Management.QueuesAsync()).Select(q => q.Name).Where(name => name.EndsWith("_error", StringComparison.Ordinal));
        await using var connection = await new ConnectionFactory { Uri = Broker.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        long total = 0;
        foreach (var queue in errorQueues)
        {
            total += (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        return total;
    }
}

/// <summary>The reliability stack, but HubSpot never counts as down: failing commands go through every retry.</summary>
public sealed class NeverPausingStack : ReliabilityStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        base.Configure(options);
        options.Worker["Worker__Availability__OutageAfterFailedBatches"] = "100";
    }
}
