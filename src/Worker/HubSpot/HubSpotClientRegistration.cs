using HubSpotCrm.ServiceDefaults.Demo;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.HubSpot.RateLimiting;
using HubSpotCrm.Worker.HubSpot.Resilience;
using HubSpotCrm.Worker.HubSpot.Target;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace HubSpotCrm.Worker.HubSpot;

public static class HubSpotClientRegistration
{
    /// <summary>
    /// The HubSpot client and its HTTP pipeline, outermost first: the resilience pipeline (total timeout, retries, one
    /// token refresh and retry on 401, rate budget, per-attempt timeout: <see cref="HubSpotResiliencePipeline"/>), then
    /// the bearer token (taken only once the attempt may go, so it is fresh), then the observer that reads error answers
    /// once, counts calls and feeds rate-limit headers back to the budget.
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
            .ConfigurePrimaryHttpMessageHandler(ConfigureTokenConnections)
            .AddResilienceHandler("hubspot-oauth", (pipeline, context) => ConfigureTokenRequests(pipeline, context.ServiceProvider));

        var hubSpot = services.AddHttpClient<HubSpotClient>(ConfigureBaseAddress);
        hubSpot.AddResilienceHandler("hubspot", (pipeline, context) => HubSpotResiliencePipeline.Configure(pipeline, context.ServiceProvider));
        hubSpot.AddHttpMessageHandler<BearerTokenHandler>();
        hubSpot.AddHttpMessageHandler<HubSpotCallObserver>();
        return builder;
    }

    /// <summary>
    /// A token request is tried again only when it provably never reached HubSpot (<see cref="TokenRequestFailures"/>),
    /// never after a timeout or an answer lost on the way back: HubSpot may have spent the refresh token on it.
    /// </summary>
    private static void ConfigureTokenRequests(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services) => pipeline
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } exception && TokenRequestFailures.NeverSent(exception)),
        })
        .AddTimeout(services.GetRequiredService<IOptions<HubSpotOptions>>().Value.AttemptTimeout);

    /// <summary>
    /// Token connections are not reused: on a reused connection the server closes before answering, .NET sends the request
    /// again by itself. Connecting gives up before the attempt does, so that "could not connect" is told from "no answer".
    /// </summary>
    private static void ConfigureTokenConnections(HttpMessageHandler handler, IServiceProvider services)
    {
        if (handler is SocketsHttpHandler sockets)
        {
            sockets.PooledConnectionLifetime = TimeSpan.Zero;
            sockets.ConnectTimeout = services.GetRequiredService<IOptions<HubSpotOptions>>().Value.AttemptTimeout / 2;
        }
    }

    private static void ConfigureBaseAddress(IServiceProvider services, HttpClient http)
    {
        var baseUrl = services.GetRequiredService<IOptions<HubSpotOptions>>().Value.BaseUrl.ToString();
        http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
