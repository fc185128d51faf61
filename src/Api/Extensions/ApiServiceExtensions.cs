using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Results;
using HubSpotCrm.Api.Submissions;
using HubSpotCrm.ServiceDefaults.Health;
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
        builder.AddObservability(meters: ["HubSpotCrm.Api"]);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ServiceUnavailableExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddRequestStore();
        builder.AddSubmissions();
        builder.AddHubSpotCrmBus(
            x =>
            {
                x.AddConsumer<ContactUpsertedConsumer>();
                x.AddConsumer<DealsUpsertedConsumer>();
                x.AddConsumer<TicketsCreatedConsumer>();
                x.AddConsumer<CommandFailedConsumer>();
            },
            (context, cfg) => cfg.ReceiveEndpoint(BusTopology.RequestStatusQueue, e =>
            {
                e.PrefetchCount = 64;
                e.ConcurrentMessageLimit = 32;
                e.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500)));
                e.ConfigureConsumer<ContactUpsertedConsumer>(context);
                e.ConfigureConsumer<DealsUpsertedConsumer>(context);
                e.ConfigureConsumer<TicketsCreatedConsumer>(context);
                e.ConfigureConsumer<CommandFailedConsumer>(context);
            }));
        return builder;
    }

    private static void AddRequestStore(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Requests")
            ?? throw new InvalidOperationException("ConnectionStrings:Requests is not set: the Api needs PostgreSQL to record requests.");
        builder.Services.AddDbContextPool<RequestsDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddScoped<RequestStore>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<RequestsDbContext>("database", tags: [HealthEndpointExtensions.ReadyTag]);
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
        builder.Services.AddSingleton<ContactSubmissionValidator>();
        builder.Services.AddSingleton<DealsSubmissionValidator>();
        builder.Services.AddSingleton<TicketsSubmissionValidator>();
        builder.Services.AddSingleton<CommandPublisher>();
        builder.Services.AddScoped<SubmissionHandler>();
    }
}
