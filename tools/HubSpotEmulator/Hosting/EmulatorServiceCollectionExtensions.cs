using HubSpotEmulator.Associations;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Control;
using HubSpotEmulator.Faults;
using HubSpotEmulator.Json;
using HubSpotEmulator.OAuth;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Properties;
using HubSpotEmulator.RateLimits;
using HubSpotEmulator.Search;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Hosting;

internal static class EmulatorServiceCollectionExtensions
{
    private const string DefaultUrl = "http://localhost:5081";

    public static WebApplicationBuilder AddHubSpotEmulator(this WebApplicationBuilder builder)
    {
        // --urls, ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS (set in the container image) win over the default.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<EmulatorOptions>()
            .Bind(configuration.GetSection(EmulatorOptions.SectionName))
            .PostConfigure(ApplyListDefaults)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(static o => EmulatorJson.ConfigureHttp(o.SerializerOptions));

        // Unreadable requests throw, so that BadRequestMiddleware can answer in HubSpot's error shape.
        services.Configure<RouteHandlerOptions>(static o => o.ThrowOnBadRequest = true);

        services.AddSingleton<RuntimeSettingsStore>();
        services.AddSingleton<EmulatorStats>();
        services.AddSingleton<EmulatorReset>();
        services.AddSingleton<FaultState>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<PropertyRegistry>();
        services.AddSingleton<PropertyValueValidator>();
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<ObjectLookup>();
        services.AddSingleton<ObjectWriter>();
        services.AddSingleton<ObjectResponses>();
        services.AddSingleton<AssociationStore>();
        services.AddSingleton<AssociationService>();
        services.AddSingleton<SearchEngine>();
        return builder;
    }

    /// <summary>Configuration binding appends to list defaults instead of replacing them, so list defaults are applied afterwards.</summary>
    private static void ApplyListDefaults(EmulatorOptions options)
    {
        if (options.PrivateAppTokens.Length == 0)
        {
            options.PrivateAppTokens = ["pat-na1-demo"];
        }

        if (options.Faults.ErrorStatuses.Length == 0)
        {
            options.Faults.ErrorStatuses = [500, 502, 503, 504];
        }
    }
}
