namespace HubSpotEmulator.RateLimits;

/// <summary>
/// HubSpot's 429 body: <c>errorType</c> RATE_LIMIT as observed, and the <c>category</c> every error needs by the specs'
/// Error schema (RATE_LIMITS, as some captured 429s carry).
/// </summary>
internal sealed record RateLimitErrorBody(
    string Status,
    string Message,
    string ErrorType,
    string Category,
    string CorrelationId,
    RateLimitPolicy PolicyName,
    string? GroupName,
    string? RequestId);
