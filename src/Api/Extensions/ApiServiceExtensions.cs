using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.Messaging;
using HubSpotCrm.Api.OpenApi;
using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.RateLimiting;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Results;
using HubSpotCrm.Api.Retention;
using HubSpotCrm.Api.Submissions;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.Api.Webhooks;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Hosting;
using HubSpotCrm.ServiceDefaults.Logging;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Observability;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HubSpotCrm.Api.Extensions;

public static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddSerilogLogging();
        builder.AddObservability(meters: [ApiMetrics.MeterName]);
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = DescribeUnknownAddress);
        builder.Services.AddExceptionHandler<ServiceUnavailableExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddApiKeyAuthentication();
        builder.AddClientRateLimits();
        builder.AddApiDocs();
        builder.AddRequestStore();
        builder.AddWaiting();
        builder.AddRetention();
        builder.AddSubmissions();
        builder.AddWebhooks();
        builder.Services.AddSingleton<IConsumedQueues>(new AlwaysConsumedQueue(CommandCatalogue.RequestStatusQueue));
        builder.AddHubSpotCrmBus(
            x =>
            {
                x.AddResultConsumers();
                x.AddWebhookDeliveryConsumer();
                x.AddRequestClient<GetNewObjects>(WorkerQueueAddress.For(CommandCatalogue.GetNewObjectsQueue), RequestTimeout.After(s: 30));
            },
            (context, cfg) =>
            {
                cfg.ConfigureResultEventsEndpoint(context);
                cfg.ConfigureWebhookDeliveryEndpoints(context);
            });
        return builder;
    }

    /// <summary>A 404 that no endpoint gave: say where the Api is, and never repeat the address asked for.</summary>
    private static void DescribeUnknownAddress(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status404NotFound && context.HttpContext.GetEndpoint() is null)
        {
            context.ProblemDetails.Detail = $"Nothing is at this address. The Api's routes are under /api/v1 and described at /{ApiDocsExtensions.UiPath}.";
        }
    }

    private static void AddRequestStore(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Requests")
            ?? throw new MissingSettingException(
                "ConnectionStrings:Requests is not set: the Api needs PostgreSQL to record requests " +
                "(e.g. ConnectionStrings__Requests=\"Host=localhost;Port=5432;Database=hubspotcrm;Username=app;Password=…\").");
        builder.Services.AddDbContextPool<RequestsDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddScoped<RequestStore>();
        builder.Services.AddScoped<IdempotencyStore>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<RequestsDbContext>("database", tags: [HealthEndpointExtensions.ReadyTag]);
    }

    private static void AddWaiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WaitOptions>()
            .BindConfiguration(WaitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RequestCompletionSignals>();
        builder.Services.AddScoped<RequestCompletionWaiter>();
        builder.Services.AddHostedService<RequestCompletionPoller>();
    }

    private static void AddRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<RequestRetentionService>();
    }

    private static void AddSubmissions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SubmissionLimitsOptions>()
            .BindConfiguration(SubmissionLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<TicketCategoryOptions>()
            .BindConfiguration(TicketCategoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ISubmissionValidator<UpsertContact>, ContactSubmissionValidator>();
        builder.Services.AddSingleton<ISubmissionValidator<UpsertDeals>, DealsSubmissionValidator>();
        builder.Services.AddSingleton<ISubmissionValidator<CreateTickets>, TicketsSubmissionValidator>();
        builder.Services.AddSingleton<ISubmissionValidator<UpsertCompany>, CompanySubmissionValidator>();
        builder.Services.AddSingleton<SendTargets>();
        builder.Services.AddSingleton<QueuesPreparation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<QueuesPreparation>());
        builder.Services.AddHealthChecks().AddCheck<QueuesPreparation>("queues", tags: [HealthEndpointExtensions.ReadyTag]);
        builder.Services.AddSingleton<CommandPublisher>();
        builder.Services.AddScoped<SubmissionHandler>();
        builder.Services.AddOptions<GroupAdmissionOptions>()
            .BindConfiguration(GroupAdmissionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GroupAdmission>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GroupAdmission>());
        builder.AddBatches();
    }

    private static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<CallbackTargets>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<WebhookEndpointLimiter>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookRedelivery>();
        builder.Services.AddScoped<WebhookDeliveryStore>();
        builder.Services.AddScoped<WebhookDispatcher>();
        builder.Services.AddSingleton<WebhookAttemptRecorder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookAttemptRecorder>());
        builder.Services.AddWebhookHttpClient();
    }

    private static void AddBatches(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BatchLimitsOptions>()
            .BindConfiguration(BatchLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<BatchStore>();
        builder.Services.AddScoped<BatchCompletionWaiter>();
        builder.Services.AddScoped<BatchSubmissionHandler>();
    }
}
