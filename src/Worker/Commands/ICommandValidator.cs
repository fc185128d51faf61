namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Checks a command that arrived over the bus. The Api validates its own bodies; other services publish straight to
/// the queues, so the Worker checks again what it relies on.
/// </summary>
public interface ICommandValidator<in TCommand>
{
    /// <summary>Every problem, in words an operator can act on; empty when the command is valid.</summary>
    IReadOnlyList<string> Validate(TCommand command);
}
