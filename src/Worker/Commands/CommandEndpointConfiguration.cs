using HubSpotCrm.Worker.Availability;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

public static class CommandEndpointConfiguration
{
    /// <summary>
    /// One command queue with one batch consumer. It reads MassTransit's envelope and plain JSON from any publisher,
    /// checks each message against its command's schema before it joins a batch (a message that can never succeed goes
    /// straight to _error), and retries in memory only what fails unexpectedly.
    /// HubSpot failures are handled inside the consumer (<see cref="CommandBatchRunner"/>), not by redelivery.
    /// </summary>
    public static CommandEndpoint CommandEndpoint<TConsumer>(string queue, BatchSettings batch)
        where TConsumer : class, IConsumer => new(queue, (context, e) =>
        {
            e.ConfigureConsumeTopology = false;
            e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
            // Room for one batch more than are in flight, so the next batch is full the moment a slot frees up.
            var inFlight = batch.MessageLimit * (batch.ConcurrencyLimit + 1);
            if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.PrefetchCount = inFlight;
            }
            e.ConcurrentMessageLimit = inFlight;
            e.UseMessageRetry(r => r.Interval(3, TimeSpan.FromSeconds(1)));
            e.ConfigureReceive(r => r.UseFilter(context.GetRequiredService<CommandSchemaFilter>()));
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
