using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>
/// Associations between objects, kept in both directions: creating one direction makes the reverse
/// visible with its own type id, as in HubSpot. Target ids are sorted so that paging by id is stable.
/// </summary>
internal sealed class AssociationStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectRef, SortedSet<long>[]> edges = [];

    /// <returns>false when the pair was already associated.</returns>
    public bool Add(ObjectRef a, ObjectRef b)
    {
        lock (gate)
        {
            var added = Targets(a, create: true)![b.Type.Index].Add(b.Id);
            Targets(b, create: true)![a.Type.Index].Add(a.Id);
            return added;
        }
    }

    public void Remove(ObjectRef a, ObjectRef b)
    {
        lock (gate)
        {
            Targets(a, create: false)?[b.Type.Index].Remove(b.Id);
            Targets(b, create: false)?[a.Type.Index].Remove(a.Id);
        }
    }

    /// <summary>Archived objects lose their associations, so no reader ever sees a link to an archived object.</summary>
    public void RemoveAll(ObjectRef reference)
    {
        lock (gate)
        {
            if (!edges.Remove(reference, out var byType))
            {
                return;
            }

            foreach (var type in ObjectTypes.All)
            {
                foreach (var id in byType[type.Index])
                {
                    Targets(new ObjectRef(type, id), create: false)?[reference.Type.Index].Remove(reference.Id);
                }
            }
        }
    }

    /// <summary>Target ids greater than <paramref name="afterId"/>, ascending, at most <paramref name="limit"/>.</summary>
    public long[] List(ObjectRef from, ObjectTypeInfo toType, long afterId = long.MinValue, int limit = int.MaxValue)
    {
        lock (gate)
        {
            var targets = Targets(from, create: false)?[toType.Index];
            if (targets is null || targets.Count == 0)
            {
                return [];
            }

            var view = afterId == long.MinValue ? targets : targets.GetViewBetween(afterId + 1, long.MaxValue);
            return [.. view.Take(limit)];
        }
    }

    public List<(ObjectRef From, ObjectRef To)> All()
    {
        lock (gate)
        {
            return
            [
                .. edges
                    .OrderBy(static e => e.Key.Type.Index).ThenBy(static e => e.Key.Id)
                    .SelectMany(static e => ObjectTypes.All.SelectMany(t => e.Value[t.Index].Select(id => (e.Key, new ObjectRef(t, id))))),
            ];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            edges.Clear();
        }
    }

    private SortedSet<long>[]? Targets(ObjectRef from, bool create)
    {
        if (edges.TryGetValue(from, out var byType) || !create)
        {
            return byType;
        }

        byType = [.. ObjectTypes.All.Select(static _ => new SortedSet<long>())];
        edges[from] = byType;
        return byType;
    }
}
