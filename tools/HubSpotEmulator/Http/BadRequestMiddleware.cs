using HubSpotEmulator.Errors;

namespace HubSpotEmulator.Http;

/// <summary>Turns unreadable requests (malformed JSON, missing body, bad query values) into HubSpot's error shape instead of an empty 400.</summary>
internal sealed class BadRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            var message = exception.InnerException is System.Text.Json.JsonException json
                ? $"Invalid input JSON: {json.Message}"
                : exception.Message;
            await HubSpotResults.WriteErrorAsync(context, new InputError(exception.StatusCode, "VALIDATION_ERROR", message));
        }
    }
}
