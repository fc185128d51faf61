namespace HubSpotCrm.Contracts.Catalogue;

/// <summary>
/// One command, defined once: everything that names it or checks it (the Api's route and request kind, the queue and
/// exchange, the Worker's endpoint, its schema check, metrics and failure answers, the published JSON Schema) is
/// derived from this.
/// </summary>
/// <param name="Name">Stable and language-neutral, e.g. upsert-contact: <c>CommandFailed.command</c>, metrics, the schema file.</param>
/// <param name="RequestKind">What a request of this command is called in request status, e.g. contact; also its Api route.</param>
/// <param name="MessageType">The record .NET publishers send.</param>
/// <param name="Result">The event a command that succeeded is answered with; one that failed gets <see cref="CommandCatalogue.CommandFailed"/>.</param>
/// <param name="Summary">What the command does, for the docs.</param>
public sealed record CommandDefinition(string Name, string RequestKind, Type MessageType, EventDefinition Result, string Summary)
{
    /// <summary>
    /// For a command that carries many commands of another (<see cref="Commands.IBulkCommand"/>): that command. Its
    /// requests are of that command's kind, and each is answered with that command's result event.
    /// </summary>
    public CommandDefinition? BulkOf { get; init; }

    /// <summary>The command's queue, and the fanout exchange of the same name bound to it.</summary>
    public string Queue => $"{CommandCatalogue.Prefix}{Name}";

    public string Exchange => Queue;
}
