namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>
/// HubSpot cannot be used right now for a reason no single command caused: the daily limit is spent, the
/// credentials are refused or miss a scope, or HubSpot is down. Commands must wait, not fail.
/// </summary>
public sealed class HubSpotUnavailableException(HubSpotUnavailableReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public HubSpotUnavailableReason Reason { get; } = reason;

    /// <summary>The call HubSpot refused, when it was a CRM call: asking about it again tells when it works.</summary>
    public HubSpotCall? Call { get; init; }
}
