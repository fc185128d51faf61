namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>A queue the process consumes for as long as it runs.</summary>
public sealed class AlwaysConsumedQueue(string queue) : IConsumedQueues
{
    public IEnumerable<string> Expected => [queue];
}
