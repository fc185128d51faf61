using System.Security.Claims;
using HubSpotCrm.ServiceDefaults.Demo;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Authentication;

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>
    /// API keys as the only authentication scheme, and a default policy that requires it: endpoints opt in with
    /// RequireAuthorization(), so health and metrics stay open.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>()
            .BindConfiguration(ApiKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DemoModeOptions>().BindConfiguration(DemoModeOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, DemoApiKeyValidation>();
        builder.Services.AddSingleton<ApiKeyRing>();
        builder.Services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>The client the caller's key was issued to; "anonymous" while keys are disabled.</summary>
    public static string ClientName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The endpoint was reached without an authenticated API client.");
}
