using System.Net;
using System.Text.Json;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.HubSpot.RateLimiting;

namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>Reads HubSpot's error bodies and decides what kind of failure each one is.</summary>
public static class HubSpotErrors
{
    private const int MaxRawMessageLength = 500;

    public static async Task<HubSpotErrorBody> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        HubSpotErrorBody body;
        try
        {
            body = JsonSerializer.Deserialize(text, HubSpotJsonContext.Default.HubSpotErrorBody) ?? new HubSpotErrorBody();
        }
        catch (JsonException)
        {
            body = new HubSpotErrorBody(Message: text.Length > MaxRawMessageLength ? text[..MaxRawMessageLength] : text);
        }
        if (body.CorrelationId is null && response.Headers.TryGetValues("X-HubSpot-Correlation-Id", out var ids))
        {
            body = body with { CorrelationId = ids.FirstOrDefault() };
        }
        return body with { Message = body.Message ?? $"HubSpot answered {(int)response.StatusCode} {response.ReasonPhrase}." };
    }

    /// <summary>The exception for a response that is still an error after every retry.</summary>
    public static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests when RateLimitPolicies.Parse(body) == RateLimitPolicy.Daily =>
                new HubSpotUnavailableException(HubSpotUnavailableReason.DailyLimit, $"HubSpot's daily API limit is spent: {body.Message}"),
            HttpStatusCode.Unauthorized =>
                new HubSpotUnavailableException(HubSpotUnavailableReason.Authentication, $"HubSpot refused the access token: {body.Message}"),
            HttpStatusCode.TooManyRequests or HttpStatusCode.Locked or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                new HubSpotTransientException($"HubSpot answered {status} after every retry: {body.Message}"),
            _ => new HubSpotApiException(status, body),
        };
    }
}
