namespace HubSpotEmulator.Objects;

internal sealed class CrmObject(ObjectTypeInfo type, long id, Timestamp createdAt, ObjectVersion first)
{
    private ObjectVersion current = first;

    public ObjectTypeInfo Type { get; } = type;

    public long Id { get; } = id;

    public string IdText { get; } = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Timestamp CreatedAt { get; } = createdAt;

    public ObjectVersion Current => Volatile.Read(ref current);

    /// <summary>Called under the type's write lock.</summary>
    public void Publish(ObjectVersion next, long nowMs)
    {
        var previous = current;
        for (var version = previous; version is not null; version = version.Previous)
        {
            if (version.SearchVisibleAtMs <= nowMs)
            {
                // Search already sees this version, so nothing older can be needed again.
                version.Previous = null;
                break;
            }
        }

        next.Previous = previous;
        Volatile.Write(ref current, next);
    }

    /// <summary>The version the search index holds at <paramref name="nowMs"/>, or null while the object is not yet indexed.</summary>
    public ObjectVersion? SearchVersion(long nowMs)
    {
        for (var version = Current; version is not null; version = version.Previous)
        {
            if (version.SearchVisibleAtMs <= nowMs)
            {
                return version;
            }
        }

        return null;
    }
}
