using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>
/// Associations between objects, kept in both directions: creating one direction makes the reverse
/// visible with its own type id, as in HubSpot. Target ids are sorted so that paging by id is stable.
/// A contact, deal or ticket has at most one primary company, so the primary label is kept once per such object.
/// </summary>
internal sealed class AssociationStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectRef, SortedSet<long>[]> edges = [];
    private readonly Dictionary<ObjectRef, long> primaryCompanies = [];

    /// <summary>
    /// Associates the pair (again: an existing association stays one). With <paramref name="primary"/> the company becomes
    /// the other object's primary company, which takes the label from its previous one; the caller checks that the pair has
    /// a primary type. Labels are only ever added here.
    /// </summary>
    public void Add(ObjectRef a, ObjectRef b, bool primary)
    {
        lock (gate)
        {
            Targets(a, create: true)![b.Type.Index].Add(b.Id);
            Targets(b, create: true)![a.Type.Index].Add(a.Id);
            if (primary)
            {
                var (holder, company) = Roles(a, b);
                primaryCompanies[holder] = company.Id;
            }
        }
    }

    /// <summary>Takes the primary label off the pair and leaves the association unlabelled.</summary>
    public void RemovePrimary(ObjectRef a, ObjectRef b)
    {
        lock (gate)
        {
            DropPrimary(a, b);
        }
    }

    public void Remove(ObjectRef a, ObjectRef b)
    {
        lock (gate)
        {
            Targets(a, create: false)?[b.Type.Index].Remove(b.Id);
            Targets(b, create: false)?[a.Type.Index].Remove(a.Id);
            DropPrimary(a, b);
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

            primaryCompanies.Remove(reference);
            foreach (var type in ObjectTypes.All)
            {
                foreach (var id in byType[type.Index])
                {
                    var other = new ObjectRef(type, id);
                    Targets(other, create: false)?[reference.Type.Index].Remove(reference.Id);
                    DropPrimary(reference, other);
                }
            }
        }
    }

    /// <summary>Targets with ids greater than <paramref name="afterId"/>, ascending, at most <paramref name="limit"/>.</summary>
    public AssociatedObject[] List(ObjectRef from, ObjectTypeInfo toType, long afterId = long.MinValue, int limit = int.MaxValue)
    {
        lock (gate)
        {
            var targets = Targets(from, create: false)?[toType.Index];
            if (targets is null || targets.Count == 0)
            {
                return [];
            }

            var view = afterId == long.MinValue ? targets : targets.GetViewBetween(afterId + 1, long.MaxValue);
            return [.. view.Take(limit).Select(id => new AssociatedObject(id, Primary(from, new ObjectRef(toType, id))))];
        }
    }

    public bool IsPrimary(ObjectRef a, ObjectRef b)
    {
        lock (gate)
        {
            return Primary(a, b);
        }
    }

    public List<(ObjectRef From, ObjectRef To, bool Primary)> All()
    {
        lock (gate)
        {
            return
            [
                .. edges
                    .OrderBy(static e => e.Key.Type.Index).ThenBy(static e => e.Key.Id)
                    .SelectMany(e => ObjectTypes.All.SelectMany(t => e.Value[t.Index].Select(id => (e.Key, new ObjectRef(t, id), Primary(e.Key, new ObjectRef(t, id)))))),
            ];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            edges.Clear();
            primaryCompanies.Clear();
        }
    }

    /// <summary>Which end holds the primary label (the contact, deal or ticket) and which is the company.</summary>
    private static (ObjectRef Holder, ObjectRef Company) Roles(ObjectRef a, ObjectRef b) => a.Type == ObjectTypes.Companies ? (b, a) : (a, b);

    /// <summary>Under <see cref="gate"/>.</summary>
    private bool Primary(ObjectRef a, ObjectRef b)
    {
        if ((a.Type == ObjectTypes.Companies) == (b.Type == ObjectTypes.Companies))
        {
            return false;
        }

        var (holder, company) = Roles(a, b);
        return primaryCompanies.TryGetValue(holder, out var id) && id == company.Id;
    }

    /// <summary>Under <see cref="gate"/>.</summary>
    private void DropPrimary(ObjectRef a, ObjectRef b)
    {
        if (Primary(a, b))
        {
            primaryCompanies.Remove(Roles(a, b).Holder);
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
