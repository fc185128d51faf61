using HubSpotCrm.Worker.Availability;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.Diagnostics;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.Idempotency;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HubSpotCrm.Worker.Tests.Support;

/// <summary>The Worker's HubSpot side (client, pipeline, writers) as the Worker registers it, pointed at a test HubSpot.</summary>
public static class WorkerServices
{
    public static ServiceProvider Build(Uri hubSpot, IDictionary<string, string?>? settings = null,
        Func<HttpMessageHandler>? primaryHandler = null, Action<IServiceCollection>? configure = null)
    {
        // Development: outside it the Worker refuses an emulator's plain-HTTP address unless demo mode is on.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HubSpot:BaseUrl"] = hubSpot.ToString(),
            ["HubSpot:AuthMode"] = "OAuth",
            ["HubSpot:ClientId"] = ServiceStackOptions.ClientId,
            ["HubSpot:ClientSecret"] = ServiceStackOptions.ClientSecret,
            ["HubSpot:RefreshToken"] = ServiceStackOptions.RefreshToken,
            ["HubSpot:RateLimits:SearchPerSecond"] = "100",
            ["HubSpot:RateLimits:TenSecondly"] = "10000",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WorkerMetrics>();
        builder.Services.AddMetrics();
        builder.Services.AddOptions<HubSpotAvailabilityOptions>();
        builder.Services.AddSingleton<HubSpotAvailability>();
        builder.Services.AddOptions<IdempotencyKeyOptions>();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<IdempotencyPropertyBootstrapper>();
        builder.AddHubSpotClient();
        builder.Services.AddTransient<BatchWriter>();
        builder.Services.AddSingleton<IRefreshTokenStore, InMemoryRefreshTokenStore>();
        if (primaryHandler is not null)
        {
            builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(primaryHandler));
        }
        configure?.Invoke(builder.Services);
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
