using System.Net;
using System.Text.Json;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.HubSpot.RateLimiting;

namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>Reads HubSpot's error bodies and decides what kind of failure each one is.</summary>
public static class HubSpotErrors
{
    private const int MaxRawMessageLength = 500;

    /// <summary>Reads an error answer's body; the HubSpot client's answers are read once, by <see cref="HubSpotErrorContent"/>.</summary>
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

    /// <summary>The exception for a response to <paramref name="call"/> that is still an error after every retry.</summary>
    public static Exception ToException(HubSpotCall call, HttpResponseMessage response)
    {
        var error = HubSpotErrorContent.Of(response);
        var body = error.Body;
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests when error.Policy == RateLimitPolicy.Daily =>
                new HubSpotUnavailableException(HubSpotUnavailableReason.DailyLimit, $"HubSpot's daily API limit is spent: {body.Message}") { Call = call },
            HttpStatusCode.Unauthorized =>
                new HubSpotUnavailableException(HubSpotUnavailableReason.Authentication, $"HubSpot refused the access token: {body.Message}") { Call = call },
            HttpStatusCode.Forbidden =>
                new HubSpotUnavailableException(HubSpotUnavailableReason.MissingScopes,
                    $"HubSpot refused {call} with 403 {body.Category ?? "FORBIDDEN"}{RequiredScopes(body)}: {body.Message}") { Call = call },
            HttpStatusCode.TooManyRequests or HttpStatusCode.Locked or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                new HubSpotTransientException($"HubSpot answered {status} to {call} after every retry: {body.Message}") { Call = call },
            _ => new HubSpotApiException(status, body),
        };
    }

    /// <summary>" (needs crm.objects.deals.write)" when HubSpot names the scopes, as its MISSING_SCOPES errors do.</summary>
    private static string RequiredScopes(HubSpotErrorBody body) =>
        (body.Errors ?? []).SelectMany(e => e.Context?.GetValueOrDefault("requiredScopes") ?? []).Distinct().ToList() is { Count: > 0 } scopes
            ? $" (needs {string.Join(", ", scopes)})"
            : "";
}
