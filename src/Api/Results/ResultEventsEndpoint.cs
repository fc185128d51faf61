using HubSpotCrm.Api.Problems;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Api.Results;

public static class ResultEventsEndpoint
{
    /// <summary>
    /// Bounds the database-outage retries to about ten minutes: long enough for a restart or fail-over, and well inside
    /// RabbitMQ's 30-minute consumer timeout for messages held unacknowledged meanwhile.
    /// </summary>
    private const int OutageRetryLimit = 40;

    /// <summary>Results are recorded in batches (one statement for up to 100), so the Api keeps up with the Worker.</summary>
    private const int BatchSize = 100;
    private const int BatchesInFlight = 2;
    private const int ResultTypes = 5;

    public static void AddResultConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddScoped<ResultRecorder>();
        bus.AddConsumer<ContactUpsertedConsumer>(Batched);
        bus.AddConsumer<DealsUpsertedConsumer>(Batched);
        bus.AddConsumer<TicketsCreatedConsumer>(Batched);
        bus.AddConsumer<CompanyUpsertedConsumer>(Batched);
        bus.AddConsumer<CommandFailedConsumer>(Batched);
    }

    private static void Batched<TConsumer>(IConsumerConfigurator<TConsumer> consumer)
        where TConsumer : class =>
        consumer.Options<BatchOptions>(o => o.SetMessageLimit(BatchSize).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(BatchesInFlight));

    /// <summary>
    /// The queue of result events the Api records. A result that meets a database outage waits in memory,
    /// unacknowledged, retrying at growing intervals (2 s up to 15 s) until PostgreSQL is back, instead of burning
    /// through a few quick retries into hubspot.request-status_error; if the Api dies meanwhile, RabbitMQ redelivers
    /// it. A kill switch would stop the endpoint only after some messages had already failed into _error. Any other
    /// failure is a bug or a bad message: a few quick retries, then _error with the reason.
    /// </summary>
    public static void ConfigureResultEventsEndpoint(this IRabbitMqBusFactoryConfigurator cfg, IBusRegistrationContext context) =>
        cfg.ReceiveEndpoint(CommandCatalogue.RequestStatusQueue, e =>
        {
            e.UseConfiguredQueueType(context.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
            e.PrefetchCount = BatchSize * BatchesInFlight * ResultTypes;
            e.ConcurrentMessageLimit = BatchSize * BatchesInFlight * ResultTypes;
            e.UseMessageRetry(r =>
            {
                r.Handle<Exception>(DatabaseOutage.Is);
                r.Exponential(OutageRetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));
            });
            e.UseMessageRetry(r =>
            {
                r.Ignore<Exception>(DatabaseOutage.Is);
                r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500));
            });
            e.ConfigureConsumer<ContactUpsertedConsumer>(context);
            e.ConfigureConsumer<DealsUpsertedConsumer>(context);
            e.ConfigureConsumer<TicketsCreatedConsumer>(context);
            e.ConfigureConsumer<CompanyUpsertedConsumer>(context);
            e.ConfigureConsumer<CommandFailedConsumer>(context);
        });
}
