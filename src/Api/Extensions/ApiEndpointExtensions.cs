using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.NewObjects;
using HubSpotCrm.Api.OpenApi;
using HubSpotCrm.Api.RateLimiting;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Schemas;
using HubSpotCrm.Api.Submissions;
using HubSpotCrm.Api.Webhooks;
using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Observability;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Extensions;

public static class ApiEndpointExtensions
{
    /// <summary>
    /// Request logging outermost, so it times and logs every call, 401, 429 and 503 included; the request id is pushed
    /// once routing knows the endpoint, before anything below it logs. Health and metrics are answered before routing,
    /// as the Worker answers them; they and (unless protected) the docs are open and unlimited. Every /api/v1 route
    /// needs an API key and counts against its client's rate limit, which is why the limiter comes after
    /// authorization. An address no endpoint has answers 404 problem details.
    /// </summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseApiRequestLogging();
        app.UseHealthEndpoints();
        app.UseMetricsEndpoint();
        app.UseRouting();
        app.UseRequestIdLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapApiDocs();
        app.MapWireSchemas();

        var v1 = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .RequireRateLimiting(ClientRateLimitPolicy.Name)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapSubmissionEndpoints();
        v1.MapBatchEndpoints();
        v1.MapRequestStatusEndpoints();
        v1.MapWebhookEndpoints();
        v1.MapNewObjectsEndpoints();

        if (app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.Disabled)
        {
            app.Logger.LogWarning("API keys are disabled (ApiKeys:Disabled=true): every caller is accepted as client '{Client}'. " +
                                  "Use this for local demos only", ApiKeyDefaults.AnonymousClient);
        }
        return app;
    }
}
