using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// The endpoint of one command of the catalogue, with one batch consumer: named after the command's queue, it reads
/// MassTransit's envelope and plain JSON from any publisher, checks each message against the command's schema before it
/// joins a batch (a message that can never succeed goes straight to _error), and retries in memory only what fails
/// unexpectedly. HubSpot failures are handled inside the consumer (<see cref="CommandBatchRunner"/>), not by redelivery.
/// </summary>
public abstract class CommandConsumerDefinition<TConsumer, TCommand> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<Batch<TCommand>>
    where TCommand : class
{
    private readonly BatchSettings _batch;

    protected CommandConsumerDefinition(BatchSettings batch)
    {
        _batch = batch;
        EndpointName = CommandCatalogue.For<TCommand>().Queue;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        endpoint.ConfigureConsumeTopology = false;
        endpoint.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        // Only the batches in flight: a batch that finished frees its commands' slots, and the next one fills from the
        // queue in milliseconds, while it would otherwise wait in memory for the rate budget with the others.
        var inFlight = _batch.MessageLimit * _batch.ConcurrencyLimit;
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = inFlight;
        }
        endpoint.UseConfiguredQueueType(context.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
        endpoint.ConcurrentMessageLimit = inFlight;
        endpoint.UseMessageRetry(r => r.Interval(3, TimeSpan.FromSeconds(1)));
        endpoint.ConfigureReceive(r => r.UseFilter(context.GetRequiredService<CommandSchemaFilter>()));
        consumer.Options<BatchOptions>(o => o
            .SetMessageLimit(_batch.MessageLimit)
            .SetTimeLimit(_batch.TimeLimit)
            .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
            .SetConcurrencyLimit(_batch.ConcurrencyLimit));
    }
}
