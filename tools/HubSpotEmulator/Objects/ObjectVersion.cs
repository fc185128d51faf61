namespace HubSpotEmulator.Objects;

/// <summary>
/// An immutable state of an object. Writers publish a new version instead of mutating, so readers never lock;
/// older versions stay reachable only while search must still see them (indexing lag).
/// </summary>
internal sealed class ObjectVersion(
    IReadOnlyDictionary<string, string> properties,
    Timestamp updatedAt,
    Timestamp? archivedAt,
    long searchVisibleAtMs)
{
    public IReadOnlyDictionary<string, string> Properties { get; } = properties;

    public Timestamp UpdatedAt { get; } = updatedAt;

    public Timestamp? ArchivedAt { get; } = archivedAt;

    public bool Archived => ArchivedAt is not null;

    /// <summary>When the search index catches up with this version.</summary>
    public long SearchVisibleAtMs { get; } = searchVisibleAtMs;

    public ObjectVersion? Previous { get; set; }
}
