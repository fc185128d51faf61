using System.Globalization;
using HubSpotEmulator.Associations;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Faults;
using HubSpotEmulator.Http;
using HubSpotEmulator.Json;
using HubSpotEmulator.OAuth;
using HubSpotEmulator.Objects;
using HubSpotEmulator.RateLimits;

namespace HubSpotEmulator.Control;

/// <summary><c>/_emulator/*</c>: unauthenticated, never faulted, never counted. For tests, benchmarks and demos.</summary>
internal static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(ApiSurfaces.ControlPrefix);
        control.MapGet("/health", static () => HubSpotResults.Json(new HealthResponse("ok"), EmulatorJson.Context.HealthResponse));
        control.MapPost("/reset", static (EmulatorReset reset) =>
        {
            reset.Run();
            return TypedResults.NoContent();
        });
        control.MapGet("/stats", static (EmulatorStats stats, ObjectStore objects) => HubSpotResults.Json(stats.Snapshot(objects), EmulatorJson.Context.StatsResponse));
        control.MapDelete("/stats", static (EmulatorStats stats) =>
        {
            stats.Reset();
            return TypedResults.NoContent();
        });
        control.MapGet("/settings", static (RuntimeSettingsStore settings) => HubSpotResults.Json(settings.Current, EmulatorJson.Context.RuntimeSettings));
        control.MapPut("/settings", UpdateSettings);
        control.MapPost("/faults/rate-limit-burst", Burst);
        control.MapPost("/tokens/revoke", Revoke);
        control.MapPost("/tokens/restore", static (TokenStore tokens) =>
        {
            tokens.Restore();
            return TypedResults.NoContent();
        });
        control.MapGet("/objects/{objectType}", DumpObjects);
        control.MapGet("/associations", DumpAssociations);
        return app;
    }

    private static IResult UpdateSettings(HttpContext context, RuntimeSettingsPatch body, RuntimeSettingsStore settings)
    {
        var problems = settings.TryUpdate(body);
        return problems.Count > 0
            ? HubSpotResults.BadRequest(context, string.Join("; ", problems))
            : HubSpotResults.Json(settings.Current, EmulatorJson.Context.RuntimeSettings);
    }

    private static IResult Burst(HttpContext context, RateLimitBurstRequest body, FaultState faults)
    {
        if (body.Count < 0)
        {
            return HubSpotResults.BadRequest(context, "count must be 0 or more.");
        }

        faults.StartBurst(body.Count, body.Policy ?? RateLimitPolicy.TenSecondlyRolling);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Revoke(HttpContext context, TokenStore tokens)
    {
        var body = !context.Request.HasJsonContentType()
            ? new RevokeTokensRequest(AccessTokens: true, RefreshToken: true)
            : await context.Request.ReadFromJsonAsync(EmulatorJson.Context.RevokeTokensRequest, context.RequestAborted);
        tokens.Revoke(body?.AccessTokens ?? true, body?.RefreshToken ?? true);
        return TypedResults.NoContent();
    }

    private static IResult DumpObjects(HttpContext context, string objectType, ObjectStore objects, AssociationStore associations)
    {
        if (!ObjectTypes.TryResolve(objectType, out var type))
        {
            return HubSpotResults.Error(context, InputError.UnknownObjectType(objectType));
        }

        var dumps = objects[type].Snapshot().Select(o =>
        {
            var version = o.Current;
            var links = ObjectTypes.All
                .Select(t => (Type: t, Targets: associations.List(new ObjectRef(type, o.Id), t)))
                .Where(static l => l.Targets.Length > 0)
                .ToDictionary(
                    static l => l.Type.Name,
                    l =>
                    {
                        var direction = AssociationKinds.Between(type, l.Type)!;
                        return (IReadOnlyList<AssociationDumpTarget>)
                            [.. l.Targets.Select(t => new AssociationDumpTarget(Text(t.Id), direction.UnlabelledTypeId, direction.TypeIds(t.Primary)))];
                    });
            return new ObjectDump(o.IdText, PropertyBag.All(version.Properties), o.CreatedAt.Text, version.UpdatedAt.Text, version.Archived, version.ArchivedAt?.Text, links);
        }).ToList();
        return HubSpotResults.Json(new ResultsEnvelope<ObjectDump>(dumps), EmulatorJson.Context.ResultsEnvelopeObjectDump);
    }

    private static IResult DumpAssociations(AssociationStore associations)
    {
        var rows = associations.All()
            .SelectMany(static a => AssociationKinds.Between(a.From.Type, a.To.Type)!.TypeIds(a.Primary).Select(typeId => new AssociationDump(
                a.From.Type.Name,
                Text(a.From.Id),
                a.To.Type.Name,
                Text(a.To.Id),
                typeId,
                AssociationKinds.HubSpotDefined)))
            .ToList();
        return HubSpotResults.Json(new ResultsEnvelope<AssociationDump>(rows), EmulatorJson.Context.ResultsEnvelopeAssociationDump);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
