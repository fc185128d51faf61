namespace HubSpotCrm.Api.Publishing;

/// <summary>The broker did not confirm a command in time; the command may not be in the queue.</summary>
public sealed class BrokerUnavailableException(string queue, Exception innerException)
    : Exception($"The message broker did not accept the command for '{queue}' in time.", innerException);
