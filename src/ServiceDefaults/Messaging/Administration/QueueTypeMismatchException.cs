namespace HubSpotCrm.ServiceDefaults.Messaging.Administration;

/// <summary>A queue of the service exists in the broker with another type than RabbitMq:QueueType; its message says what to do.</summary>
public sealed class QueueTypeMismatchException(string message) : Exception(message);
