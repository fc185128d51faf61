namespace HubSpotCrm.Worker.HubSpot;

public enum HubSpotAuthMode
{
    /// <summary>An OAuth app: access tokens come from the refresh-token grant and last 30 minutes.</summary>
    OAuth,

    /// <summary>A private app: one static bearer token.</summary>
    PrivateApp,
}
