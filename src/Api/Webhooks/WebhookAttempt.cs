namespace HubSpotCrm.Api.Webhooks;

/// <summary>What one POST to a receiver came to.</summary>
/// <param name="ResponseStatus">The receiver's HTTP status, when it answered.</param>
/// <param name="Error">Why it did not count as delivered, when it did not.</param>
/// <param name="Retry">Whether trying again may help: network errors, timeouts, 408, 429 and 5xx.</param>
public sealed record WebhookAttempt(int? ResponseStatus, string? Error, bool Retry)
{
    public bool Delivered => Error is null;

    public static WebhookAttempt Answered(int status) => status switch
    {
        >= 200 and < 300 => new(status, null, false),
        408 or 429 or >= 500 => new(status, $"The receiver answered {status}.", true),
        _ => new(status, $"The receiver answered {status}; a 4xx other than 408 and 429 is not retried.", false),
    };

    public static WebhookAttempt Failed(string error, bool retry) => new(null, error, retry);
}
