using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Hosting;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.ServiceDefaults.Messaging;

public static class BusRegistrationExtensions
{
    /// <summary>
    /// Registers MassTransit on RabbitMQ with the service's topology. Usage telemetry is off: the service must never
    /// call out to the internet.
    /// </summary>
    public static IHostApplicationBuilder AddHubSpotCrmBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> registerConsumers,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureEndpoints = null)
    {
        builder.Services.AddRabbitMqOptions();
        builder.Services.AddSingleton<SupervisorRestart>();
        builder.Services.AddSingleton<BrokerOperations>();
        // Named after the service, as MassTransit's connection is, so the broker's connection list tells them apart.
        builder.Services.AddSingleton(sp => new BrokerAdministration(sp.GetRequiredService<IOptions<RabbitMqOptions>>(),
            $"{builder.Environment.ApplicationName} administration", sp.GetRequiredService<ILogger<BrokerAdministration>>()));
        builder.Services.AddSingleton<ConsumerProgress>();
        builder.Services.AddReceiveObserver(sp => sp.GetRequiredService<ConsumerProgress>());
        builder.Services.AddHostedService<ConsumerWatchdog>();
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker", tags: [HealthEndpointExtensions.ReadyTag]);
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            registerConsumers(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(options, builder.Environment.ApplicationName, h =>
                {
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    h.Heartbeat(TimeSpan.FromSeconds(10));
                });
                cfg.UseHubSpotCrmEntityNames();
                configureEndpoints?.Invoke(context, cfg);
            });
        });
        return builder;
    }

    /// <summary>
    /// Binds and validates <see cref="RabbitMqOptions"/> at start. A <c>RabbitMq:QueueType</c> that names no type is refused
    /// with the types there are: the binder's own message would name neither.
    /// </summary>
    public static IServiceCollection AddRabbitMqOptions(this IServiceCollection services)
    {
        services.AddOptions<RabbitMqOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(RabbitMqOptions.SectionName);
                var queueType = section[nameof(RabbitMqOptions.QueueType)];
                if (queueType is not null && !Enum.GetNames<BrokerQueueType>().Contains(queueType, StringComparer.OrdinalIgnoreCase))
                {
                    throw new OptionsValidationException(RabbitMqOptions.SectionName, typeof(RabbitMqOptions),
                        [$"RabbitMq:QueueType is '{queueType}', which is no queue type: use {string.Join(" or ", Enum.GetNames<BrokerQueueType>())}."]);
                }
                section.Bind(options);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
