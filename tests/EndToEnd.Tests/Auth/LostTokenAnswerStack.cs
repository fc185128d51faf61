namespace HubSpotCrm.EndToEnd.Tests.Auth;

/// <summary>
/// A rotating stack whose Worker gives up on an HTTP attempt after three seconds and probes a paused HubSpot every
/// second, so that a token answer held back longer is lost and what the Worker does next shows within seconds.
/// </summary>
public sealed class LostTokenAnswerStack : RotatingRefreshTokenStack
{
    public const int AttemptTimeoutSeconds = 3;

    protected override void Configure(ServiceStackOptions options)
    {
        base.Configure(options);
        options.Worker["HubSpot__AttemptTimeout"] = $"00:00:0{AttemptTimeoutSeconds}";
        options.Worker["HubSpot__Retry__MaxRetryAttempts"] = "1";
        options.Worker["Worker__Availability__ProbeInterval"] = "00:00:01";
    }
}
