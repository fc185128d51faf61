namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// A command that can never succeed as sent (missing or malformed fields). It is not retried: it goes to the
/// queue's _error queue with this message as its reason.
/// </summary>
public sealed class InvalidCommandException(string message) : Exception(message);
