using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Submissions;
using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Observability;

namespace HubSpotCrm.Api.Extensions;

public static class ApiEndpointExtensions
{
    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();

        var v1 = app.MapGroup("/api/v1");
        v1.MapSubmissionEndpoints();
        v1.MapRequestStatusEndpoints();
        return app;
    }
}
