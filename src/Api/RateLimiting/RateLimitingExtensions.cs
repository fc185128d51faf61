using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>ASP.NET Core's rate limiter with one policy, <see cref="ClientRateLimitPolicy"/>, that /api/v1 opts into.</summary>
    public static IHostApplicationBuilder AddClientRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidation>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, ClientRateLimitPolicy>(ClientRateLimitPolicy.Name);
        });
        return builder;
    }
}
