using HubSpotEmulator.Associations;
using HubSpotEmulator.Control;
using HubSpotEmulator.Faults;
using HubSpotEmulator.Http;
using HubSpotEmulator.OAuth;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Properties;
using HubSpotEmulator.RateLimits;
using HubSpotEmulator.Search;

namespace HubSpotEmulator.Hosting;

internal static class EmulatorApplicationExtensions
{
    public static WebApplication UseHubSpotEmulator(this WebApplication app)
    {
        // Routing first: statistics and rate limits need to know the matched endpoint.
        app.UseRouting();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<StatsMiddleware>();
        app.UseMiddleware<OutageMiddleware>();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<InjectedErrorMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<BadRequestMiddleware>();

        app.MapGroup("/crm/v3/objects/{objectType}")
            .MapObjectEndpoints()
            .MapObjectBatchEndpoints()
            .MapSearchEndpoints();
        app.MapGroup("/crm/v3/properties/{objectType}").MapPropertyEndpoints();
        app.MapGroup("/crm/v4/objects/{objectType}/{objectId}/associations").MapAssociationV4Endpoints();
        app.MapGroup("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch")
            .WithMetadata(RateLimitGroup.AssociationBatch)
            .MapAssociationV4BatchEndpoints();
        app.MapGroup("/crm/v3/associations/{fromObjectType}/{toObjectType}/batch").MapAssociationV3Endpoints();
        app.MapOAuthEndpoints();
        app.MapControlEndpoints();
        return app;
    }
}
