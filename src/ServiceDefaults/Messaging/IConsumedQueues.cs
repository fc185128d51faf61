namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>The queues this process should have a consumer on right now, for <see cref="ConsumerWatchdog"/>.</summary>
public interface IConsumedQueues
{
    IEnumerable<string> Expected { get; }
}
