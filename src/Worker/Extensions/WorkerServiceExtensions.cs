using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Logging;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Observability;
using HubSpotCrm.Worker.Availability;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.Companies;
using HubSpotCrm.Worker.Contacts;
using HubSpotCrm.Worker.Credentials;
using HubSpotCrm.Worker.Deals;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.NewObjects;
using HubSpotCrm.Worker.Retries;
using HubSpotCrm.Worker.Scaling;
using HubSpotCrm.Worker.Tickets;
using MassTransit;
using Microsoft.Extensions.Options;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Worker.Extensions;

public static class WorkerServiceExtensions
{
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder)
    {
        builder.AddSerilogLogging();
        builder.AddObservability(meters: [WorkerMetrics.MeterName]);
        builder.LimitMetricStreams();
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHubSpotClient();
        builder.Services.AddSingleton<IRefreshTokenStore, RabbitMqRefreshTokenStore>();
        builder.AddIdempotencyKeys();
        builder.AddReliability();
        builder.AddBudgetSharing();
        builder.AddCommandConsumers();
        return builder;
    }

    /// <summary>Several Workers on one account share HubSpot's budget by counting each other on the broker.</summary>
    private static void AddBudgetSharing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BudgetSharingOptions>().BindConfiguration(BudgetSharingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<BudgetShareKeeper>();
    }

    private static void AddIdempotencyKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyKeyOptions>().BindConfiguration(IdempotencyKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<IdempotencyPropertyBootstrapper>();
    }

    /// <summary>Pause-not-fail, delayed retries through wait queues, and readiness that says why the Worker is not consuming.</summary>
    private static void AddReliability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubSpotAvailabilityOptions>().BindConfiguration(HubSpotAvailabilityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<CommandRetryOptions>().BindConfiguration(CommandRetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HubSpotAvailability>();
        builder.Services.AddSingleton<WaitQueues>();
        builder.Services.AddSingleton<CommandRedelivery>();
        builder.Services.AddSingleton<CommandBatchRunner>();
        builder.Services.AddSingleton<CommandConsumption>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommandConsumption>());
        builder.Services.AddSingleton<IConsumedQueues>(sp => sp.GetRequiredService<CommandConsumption>());
        builder.Services.AddSingleton<IConsumedQueues>(new AlwaysConsumedQueue(CommandCatalogue.GetNewObjectsQueue));
        builder.Services.AddHealthChecks().AddCheck<HubSpotAvailabilityHealthCheck>("hubspot", tags: [HealthEndpointExtensions.ReadyTag]);
    }

    private static void AddCommandConsumers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommandBatchingOptions>().BindConfiguration(CommandBatchingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<ErrorQueue>();
        builder.Services.AddSingleton<CommandSchemaFilter>();
        builder.Services.AddSingleton<ResultPublisher>();
        builder.Services.AddScoped<ContactUpserter>();
        builder.Services.AddScoped<ContactCommands>();
        builder.Services.AddScoped<ContactCheck>();
        builder.Services.AddTransient<BatchWriter>();
        builder.Services.AddScoped<DealUpserter>();
        builder.Services.AddScoped<TicketCreator>();
        builder.Services.AddScoped<CompanyUpserter>();
        builder.Services.AddScoped<NewObjectsReader>();

        builder.AddHubSpotCrmBus(
            x =>
            {
                x.AddCommandConsumer<UpsertContactBatchConsumer, UpsertContact, UpsertContactConsumerDefinition>();
                x.AddCommandConsumer<UpsertDealsBatchConsumer, UpsertDeals, UpsertDealsConsumerDefinition>();
                x.AddCommandConsumer<CreateTicketsBatchConsumer, CreateTickets, CreateTicketsConsumerDefinition>();
                x.AddCommandConsumer<UpsertCompanyBatchConsumer, UpsertCompany, UpsertCompanyConsumerDefinition>();
                x.AddCommandConsumer<UpsertContactsBatchConsumer, UpsertContacts, UpsertContactsConsumerDefinition>();
                x.AddConsumer<GetNewObjectsConsumer>();
            },
            (context, cfg) => cfg.ReceiveEndpoint(CommandCatalogue.GetNewObjectsQueue, e =>
            {
                e.ConfigureConsumeTopology = false;
                e.UseConfiguredQueueType(context.GetRequiredService<IOptions<RabbitMqOptions>>().Value);
                e.ConfigureConsumer<GetNewObjectsConsumer>(context);
            }));
    }
}
