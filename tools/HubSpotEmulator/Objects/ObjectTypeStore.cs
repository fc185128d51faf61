using System.Collections.Concurrent;

namespace HubSpotEmulator.Objects;

/// <summary>
/// The objects of one type. Reads are lock-free (dictionaries by id and by unique value, immutable versions);
/// writers hold <see cref="WriteLock"/> across check and apply so that uniqueness checks cannot race.
/// </summary>
internal sealed class ObjectTypeStore(ObjectTypeInfo type)
{
    private const int InitialCapacity = 1024;

    private readonly ConcurrentDictionary<long, CrmObject> byId = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long>> byUniqueValue = new(StringComparer.Ordinal);

    // Append-only in id order: a published slot never changes, so a snapshot is just (array, count).
    private CrmObject[] ordered = new CrmObject[InitialCapacity];
    private int count;
    private long nextId = type.FirstId;
    private int liveCount;

    public ObjectTypeInfo Type { get; } = type;

    public Lock WriteLock { get; } = new();

    public int LiveCount => Volatile.Read(ref liveCount);

    public CrmObject? Find(long id) => byId.GetValueOrDefault(id);

    /// <summary>Unique values compare case-insensitively, as contact emails do in HubSpot.</summary>
    public CrmObject? FindByUniqueValue(string property, string value) =>
        byUniqueValue.TryGetValue(property, out var index) && index.TryGetValue(value, out var id) ? Find(id) : null;

    /// <summary>Objects in creation (= id) order, including archived ones.</summary>
    public ArraySegment<CrmObject> Snapshot()
    {
        lock (WriteLock)
        {
            return new ArraySegment<CrmObject>(ordered, 0, count);
        }
    }

    /// <summary>Under <see cref="WriteLock"/>.</summary>
    public CrmObject Add(Func<long, ObjectVersion> firstVersion, Timestamp createdAt, IReadOnlyList<string> uniqueProperties)
    {
        var id = nextId++;
        var created = new CrmObject(Type, id, createdAt, firstVersion(id));
        if (count == ordered.Length)
        {
            var larger = new CrmObject[ordered.Length * 2];
            Array.Copy(ordered, larger, count);
            ordered = larger;
        }

        ordered[count] = created;
        count++;
        byId[id] = created;
        Index(created, null, created.Current.Properties, uniqueProperties);
        liveCount++;
        return created;
    }

    /// <summary>Under <see cref="WriteLock"/>.</summary>
    public void Replace(CrmObject target, ObjectVersion next, long nowMs, IReadOnlyList<string> uniqueProperties)
    {
        var previous = target.Current;
        target.Publish(next, nowMs);
        if (next.Archived && !previous.Archived)
        {
            Index(target, previous.Properties, null, uniqueProperties);
            liveCount--;
        }
        else
        {
            Index(target, previous.Properties, next.Properties, uniqueProperties);
        }
    }

    public void Clear()
    {
        lock (WriteLock)
        {
            byId.Clear();
            byUniqueValue.Clear();
            ordered = new CrmObject[InitialCapacity];
            count = 0;
            nextId = Type.FirstId;
            liveCount = 0;
        }
    }

    private void Index(
        CrmObject target,
        IReadOnlyDictionary<string, string>? before,
        IReadOnlyDictionary<string, string>? after,
        IReadOnlyList<string> uniqueProperties)
    {
        foreach (var property in uniqueProperties)
        {
            var old = before?.GetValueOrDefault(property);
            var now = after?.GetValueOrDefault(property);
            if (string.Equals(old, now, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var index = byUniqueValue.GetOrAdd(property, static _ => new ConcurrentDictionary<string, long>(StringComparer.OrdinalIgnoreCase));
            if (old is not null && index.TryGetValue(old, out var holder) && holder == target.Id)
            {
                index.TryRemove(old, out _);
            }

            if (now is not null)
            {
                index[now] = target.Id;
            }
        }
    }
}
