namespace HubSpotCrm.Worker.HubSpot.Auth;

/// <summary>Where bearer tokens for HubSpot come from.</summary>
public interface IAccessTokenSource
{
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a token HubSpot refused. Returns null when this source cannot get another one (a private-app token
    /// is what it is).
    /// </summary>
    ValueTask<string?> RefreshAsync(string rejectedToken, CancellationToken cancellationToken);
}
