namespace HubSpotCrm.ServiceDefaults.Messaging.Administration;

/// <summary>What the broker says of an existing queue when asked with a passive declare.</summary>
public sealed record QueueCounts(uint Messages, uint Consumers);
