namespace HubSpotCrm.ServiceDefaults.Messaging.Administration;

/// <summary>
/// What a command queue needs in the broker beside what MassTransit declares for it: its own exchange (fanout, as
/// MassTransit declares it), so that expired retries always have a way back; its _error queue, so that a refused
/// message can be moved there before any fault; and one wait queue per retry delay.
/// </summary>
public sealed record WaitQueueTopology(string CommandQueue, string ErrorQueue, IReadOnlyList<WaitQueue> WaitQueues);

/// <summary>A queue that holds a command for <see cref="Delay"/>, then dead-letters it back to its command queue's exchange.</summary>
public sealed record WaitQueue(string Name, TimeSpan Delay);
