using HubSpotCrm.Worker.HubSpot.Errors;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

public static class CommandEndpointConfiguration
{
    /// <summary>
    /// One command queue with one batch consumer. It reads MassTransit's envelope and plain JSON from any publisher,
    /// checks each command before it joins a batch, and never retries a command that cannot succeed as sent.
    /// </summary>
    public static void CommandEndpoint<TConsumer>(this IRabbitMqBusFactoryConfigurator cfg, IBusRegistrationContext context,
        string queue, BatchSettings batch)
        where TConsumer : class, IConsumer
    {
        cfg.ReceiveEndpoint(queue, e =>
        {
            e.ConfigureConsumeTopology = false;
            e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
            e.PrefetchCount = batch.MessageLimit * batch.ConcurrencyLimit;
            e.ConcurrentMessageLimit = batch.MessageLimit * batch.ConcurrencyLimit;
            e.UseMessageRetry(r =>
            {
                r.Ignore<InvalidCommandException>();
                r.Interval(3, TimeSpan.FromSeconds(5));
            });
            e.UseConsumeFilter(typeof(ValidateCommandFilter<>), context);
            e.ConfigureConsumer<TConsumer>(context);
        });
    }

    public static void AddBatchConsumer<TConsumer, TCommand>(this IBusRegistrationConfigurator x, BatchSettings batch)
        where TConsumer : class, IConsumer<Batch<TCommand>>
        where TCommand : class
    {
        x.AddConsumer<TConsumer>(c => c.Options<BatchOptions>(o => o
            .SetMessageLimit(batch.MessageLimit)
            .SetTimeLimit(batch.TimeLimit)
            .SetTimeLimitStart(BatchTimeLimitStart.FromFirst)
            .SetConcurrencyLimit(batch.ConcurrencyLimit)));
    }
}
