namespace HubSpotCrm.Contracts.Queries;

/// <summary>The answer to a <see cref="GetNewObjects"/> the Worker cannot serve, instead of a page.</summary>
/// <param name="Reason"><see cref="InvalidCursor"/>, <see cref="InvalidLimit"/> or <see cref="HubSpotUnavailable"/>.</param>
/// <param name="Message">What is wrong with the request, or why HubSpot cannot be read (HubSpot's reason).</param>
public sealed record NewObjectsRejected(string Reason, string Message)
{
    /// <summary>A cursor the Worker did not issue, or one type's cursor given for another type.</summary>
    public const string InvalidCursor = "invalid_cursor";

    /// <summary>A limit outside 1 to <see cref="GetNewObjects.MaxLimit"/>.</summary>
    public const string InvalidLimit = "invalid_limit";

    /// <summary>HubSpot cannot be read now: it is down or limits the calls, or refuses the credentials or a scope. Retry later.</summary>
    public const string HubSpotUnavailable = "hubspot_unavailable";
}
