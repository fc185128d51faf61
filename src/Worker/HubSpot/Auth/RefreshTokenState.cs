namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>
/// The refresh token to send next. <paramref name="InDoubt"/>: a request carrying it reached HubSpot and its answer was
/// lost, so HubSpot may have replaced it with a token nobody received; it is never sent again.
/// </summary>
public sealed record RefreshTokenState(string Token, bool InDoubt)
{
    /// <summary>Keeps the token out of logs and exception messages that format this record.</summary>
    public override string ToString() => $"RefreshTokenState {{ InDoubt = {InDoubt} }}";
}
