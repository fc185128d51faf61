using HubSpotCrm.ServiceDefaults.Demo;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.HubSpot.RateLimiting;
using HubSpotCrm.Worker.HubSpot.Resilience;
using HubSpotCrm.Worker.HubSpot.Target;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HubSpotCrm.Worker.HubSpot;

public static class HubSpotClientRegistration
{
    /// <summary>
    /// The HubSpot client and its HTTP pipeline, outermost first: total timeout, retries, rate budget, per-attempt
    /// timeout, then the bearer token (taken only once the call may go, so it is fresh; one refresh and retry on 401),
    /// then the observer that counts calls and feeds rate-limit headers back to the budget.
    /// </summary>
    public static IHostApplicationBuilder AddHubSpotClient(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DemoModeOptions>().BindConfiguration(DemoModeOptions.SectionName);
        services.AddOptions<HubSpotOptions>().BindConfiguration(HubSpotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<HubSpotOptions>, DemoModeTarget>();
        services.AddSingleton<IValidateOptions<HubSpotOptions>, HubSpotTargetValidation>();
        services.AddSingleton<HubSpotTarget>();
        services.AddOptions<HubSpotRateLimitOptions>().BindConfiguration(HubSpotRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HubSpotRetryOptions>().BindConfiguration(HubSpotRetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<HubSpotRateBudget>();
        services.AddTransient<BearerTokenHandler>();
        services.AddTransient<HubSpotCallObserver>();
        services.AddSingleton<OAuthTokenSource>();
        services.AddSingleton<PrivateAppTokenSource>();
        services.AddSingleton<IAccessTokenSource>(sp => sp.GetRequiredService<IOptions<HubSpotOptions>>().Value.AuthMode == HubSpotAuthMode.PrivateApp
            ? sp.GetRequiredService<PrivateAppTokenSource>()
            : sp.GetRequiredService<OAuthTokenSource>());

        services.AddHttpClient(OAuthTokenSource.HttpClientName, ConfigureBaseAddress)
            .AddResilienceHandler("hubspot-oauth", pipeline => pipeline
                .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, UseJitter = true, Delay = TimeSpan.FromSeconds(1) })
                .AddTimeout(TimeSpan.FromSeconds(10)));

        var hubSpot = services.AddHttpClient<HubSpotClient>(ConfigureBaseAddress);
        hubSpot.AddResilienceHandler("hubspot", (pipeline, context) => HubSpotResiliencePipeline.Configure(pipeline, context.ServiceProvider));
        hubSpot.AddHttpMessageHandler<BearerTokenHandler>();
        hubSpot.AddHttpMessageHandler<HubSpotCallObserver>();
        services.AddTransient<BatchWriter>();
        return builder;
    }

    private static void ConfigureBaseAddress(IServiceProvider services, HttpClient http)
    {
        var baseUrl = services.GetRequiredService<IOptions<HubSpotOptions>>().Value.BaseUrl.ToString();
        http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
