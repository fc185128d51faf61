namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>A call kept failing for reasons that usually pass (5xx, 423, 429, timeouts) after every in-process retry.</summary>
public sealed class HubSpotTransientException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The call that failed, when it was a CRM call (token requests have none).</summary>
    public HubSpotCall? Call { get; init; }
}
