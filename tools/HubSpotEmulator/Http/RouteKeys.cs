using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing.Patterns;

namespace HubSpotEmulator.Http;

/// <summary>
/// The statistics key of a call: method and path with ids replaced by <c>{id}</c> while type names stay as
/// called, e.g. <c>GET /crm/v3/objects/contacts/{id}</c>. Route parameters ending in "Type" keep their value.
/// </summary>
internal static class RouteKeys
{
    private static readonly ConcurrentDictionary<RouteEndpoint, Segment[]> Templates = new();

    public static string For(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return context.Request.Method + " " + context.Request.Path.Value;
        }

        var segments = Templates.GetOrAdd(endpoint, static e => [.. e.RoutePattern.PathSegments.Select(Describe)]);
        var parts = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            parts[i] = segment.KeepValue ? context.Request.RouteValues[segment.Text]?.ToString() ?? "" : segment.Text;
        }

        return context.Request.Method + " /" + string.Join('/', parts);
    }

    private static Segment Describe(RoutePatternPathSegment segment)
    {
        if (segment.Parts is [RoutePatternParameterPart parameter])
        {
            return parameter.Name.EndsWith("Type", StringComparison.OrdinalIgnoreCase)
                ? new Segment(parameter.Name, KeepValue: true)
                : new Segment(parameter.Name.EndsWith("Id", StringComparison.OrdinalIgnoreCase) ? "{id}" : "{" + parameter.Name + "}", KeepValue: false);
        }

        return new Segment(string.Concat(segment.Parts.OfType<RoutePatternLiteralPart>().Select(static p => p.Content)), KeepValue: false);
    }

    private readonly record struct Segment(string Text, bool KeepValue);
}
