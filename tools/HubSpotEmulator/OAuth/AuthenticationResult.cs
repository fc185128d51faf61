namespace HubSpotEmulator.OAuth;

internal enum AuthenticationOutcome
{
    Authenticated,
    Invalid,
    Expired,
}

internal readonly record struct AuthenticationResult(AuthenticationOutcome Outcome, AppIdentity? App, long ExpiredMinutesAgo = 0);
