namespace HubSpotCrm.Api.Publishing;

/// <summary>The broker did not confirm a command in time, or returned it unrouted; the command may not be in the queue.</summary>
public sealed class BrokerUnavailableException(string queue, Exception innerException)
    : Exception(innerException is MassTransit.MessageReturnedException
        ? $"The message broker returned the command for '{queue}': no queue took it."
        : $"The message broker did not accept the command for '{queue}' in time.", innerException);
