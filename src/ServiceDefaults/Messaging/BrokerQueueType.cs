using MassTransit;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// The type of the service's durable queues (commands, results, webhook deliveries and their _error queues; wait queues
/// are always quorum). A quorum queue is replicated to the cluster's nodes and survives the loss of a minority of them;
/// a classic queue lives on one node. The broker never changes a queue's type once declared.
/// </summary>
public enum BrokerQueueType
{
    Quorum,
    Classic,
}

public static class BrokerQueueTypes
{
    /// <summary>The queue arguments that make a queue of <paramref name="type"/>, as MassTransit declares it.</summary>
    public static Dictionary<string, object?> Arguments(BrokerQueueType type) => type == BrokerQueueType.Quorum
        ? new() { ["x-queue-type"] = "quorum" }
        : [];

    /// <summary>Declares the endpoint's queue, and with it MassTransit's _error and _skipped queues, as RabbitMq:QueueType says.</summary>
    public static void UseConfiguredQueueType(this IReceiveEndpointConfigurator endpoint, RabbitMqOptions options)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && options.QueueType == BrokerQueueType.Quorum)
        {
            rabbit.SetQuorumQueue();
        }
    }
}
