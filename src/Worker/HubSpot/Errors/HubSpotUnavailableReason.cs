namespace HubSpotCrm.Worker.HubSpot.Errors;

public enum HubSpotUnavailableReason
{
    /// <summary>The account's daily call limit is spent; it resets at midnight in the account's time zone.</summary>
    DailyLimit,

    /// <summary>HubSpot refuses the credentials (bad or revoked refresh token, revoked private-app token).</summary>
    Authentication,

    /// <summary>HubSpot answers 403: the app lacks a scope this kind of call needs (a credentials problem, not bad input).</summary>
    MissingScopes,

    /// <summary>HubSpot keeps failing or cannot be reached, beyond what in-process retries cover.</summary>
    Outage,
}
