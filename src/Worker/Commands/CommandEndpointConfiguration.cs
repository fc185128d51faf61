using HubSpotCrm.Worker.Availability;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

public static class CommandEndpointConfiguration
{
    /// <summary>
    /// One command queue with one batch consumer. It reads MassTransit's envelope and plain JSON from any publisher,
    /// checks each command before it joins a batch, and never retries in memory a command that cannot succeed as sent.
    /// HubSpot failures are handled inside the consumer (<see cref="CommandBatchRunner"/>), not by redelivery.
    /// </summary>
    public static CommandEndpoint CommandEndpoint<TConsumer>(string queue, BatchSettings batch)
        where TConsumer : class, IConsumer => new(queue, (context, e) =>
        {
            e.ConfigureConsumeTopology = false;
            e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
            if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.PrefetchCount = batch.MessageLimit * batch.ConcurrencyLimit;
            }
            e.ConcurrentMessageLimit = batch.MessageLimit * batch.ConcurrencyLimit;
            e.UseMessageRetry(r =>
            {
                r.Ignore<InvalidCommandException>();
                r.Interval(3, TimeSpan.FromSeconds(1));
            });
            e.UseConsumeFilter(typeof(CommandLogContextFilter<>), context);
            e.UseConsumeFilter(typeof(ValidateCommandFilter<>), context);
            e.ConfigureConsumer<TConsumer>(context);
        });

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
