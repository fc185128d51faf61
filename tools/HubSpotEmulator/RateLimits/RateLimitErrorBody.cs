namespace HubSpotEmulator.RateLimits;

/// <summary>HubSpot's 429 body; it uses <c>errorType</c> where other errors use <c>category</c>.</summary>
internal sealed record RateLimitErrorBody(
    string Status,
    string Message,
    string ErrorType,
    string CorrelationId,
    RateLimitPolicy PolicyName,
    string? GroupName,
    string? RequestId);
