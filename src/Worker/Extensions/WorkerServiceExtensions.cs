using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.ServiceDefaults.Logging;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Observability;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.Contacts;
using HubSpotCrm.Worker.Deals;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.Tickets;

namespace HubSpotCrm.Worker.Extensions;

public static class WorkerServiceExtensions
{
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddSerilogLogging();
        builder.AddObservability(meters: [WorkerMetrics.MeterName]);
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHubSpotClient();
        builder.AddIdempotencyKeys();
        builder.AddCommandConsumers();
        return builder;
    }

    private static void AddIdempotencyKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyKeyOptions>().BindConfiguration(IdempotencyKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddHostedService<IdempotencyPropertyBootstrapper>();
    }

    private static void AddCommandConsumers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommandBatchingOptions>().BindConfiguration(CommandBatchingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var batching = builder.Configuration.GetSection(CommandBatchingOptions.SectionName).Get<CommandBatchingOptions>() ?? new CommandBatchingOptions();

        builder.Services.AddSingleton<ICommandValidator<UpsertContact>, UpsertContactValidator>();
        builder.Services.AddSingleton<ICommandValidator<UpsertDeals>, UpsertDealsValidator>();
        builder.Services.AddSingleton<ICommandValidator<CreateTickets>, CreateTicketsValidator>();
        builder.Services.AddSingleton<ResultPublisher>();
        builder.Services.AddScoped<ContactUpserter>();
        builder.Services.AddScoped<DealUpserter>();
        builder.Services.AddScoped<TicketCreator>();

        builder.AddHubSpotCrmBus(
            x =>
            {
                x.AddBatchConsumer<UpsertContactBatchConsumer, UpsertContact>(batching.Contacts);
                x.AddBatchConsumer<UpsertDealsBatchConsumer, UpsertDeals>(batching.Deals);
                x.AddBatchConsumer<CreateTicketsBatchConsumer, CreateTickets>(batching.Tickets);
            },
            (context, cfg) =>
            {
                cfg.CommandEndpoint<UpsertContactBatchConsumer>(context, BusTopology.UpsertContactQueue, batching.Contacts);
                cfg.CommandEndpoint<UpsertDealsBatchConsumer>(context, BusTopology.UpsertDealsQueue, batching.Deals);
                cfg.CommandEndpoint<CreateTicketsBatchConsumer>(context, BusTopology.CreateTicketsQueue, batching.Tickets);
            });
    }
}
