using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects;
using HubSpotEmulator.RateLimits;

namespace HubSpotEmulator.Search;

internal static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder objects)
    {
        objects.MapPost("/search", Search).WithMetadata(RateLimitGroup.Search);
        return objects;
    }

    private static IResult Search(HttpContext context, string objectType, SearchRequest body, SearchEngine engine)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        return engine.Search(type, body, out var response) is { } error
            ? HubSpotResults.Error(context, error)
            : HubSpotResults.Json(response!, EmulatorJson.Context.SearchResponse);
    }
}
