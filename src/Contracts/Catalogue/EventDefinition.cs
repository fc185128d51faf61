namespace HubSpotCrm.Contracts.Catalogue;

/// <summary>A result event on the wire: its name, the fanout exchange it is published to, its record and its JSON Schema.</summary>
/// <param name="Name">Stable and language-neutral, e.g. contact-upserted; also the name of its schema file.</param>
public sealed record EventDefinition(string Name, Type MessageType, string Summary)
{
    /// <summary>Bind a queue of your own to it to receive the event.</summary>
    public string Exchange => $"{CommandCatalogue.Prefix}{Name}";
}
