using System.Text.Json.Serialization.Metadata;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Json;

namespace HubSpotEmulator.Http;

/// <summary>Writes responses with the source-generated JSON metadata and HubSpot's error shape.</summary>
internal static class HubSpotResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, typeInfo, statusCode: status);

    /// <summary>The body's correlationId is the request's, which is also sent as <c>X-HubSpot-Correlation-Id</c>.</summary>
    public static IResult Error(HttpContext context, InputError error) =>
        TypedResults.Json(error.ToBody(context.TraceIdentifier), EmulatorJson.Context.ErrorBody, statusCode: error.HttpStatus);

    public static IResult BadRequest(HttpContext context, string message) => Error(context, InputError.BadRequest(message));

    public static Task WriteErrorAsync(HttpContext context, InputError error)
    {
        context.Response.StatusCode = error.HttpStatus;
        return context.Response.WriteAsJsonAsync(error.ToBody(context.TraceIdentifier), EmulatorJson.Context.ErrorBody);
    }
}
