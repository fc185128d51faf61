namespace HubSpotEmulator.Objects;

internal sealed class ObjectStore
{
    private readonly ObjectTypeStore[] stores = [.. ObjectTypes.All.Select(static t => new ObjectTypeStore(t))];

    public ObjectTypeStore this[ObjectTypeInfo type] => stores[type.Index];

    /// <summary>The object if it exists and is not archived.</summary>
    public CrmObject? FindLive(ObjectRef reference) =>
        this[reference.Type].Find(reference.Id) is { Current.Archived: false } found ? found : null;

    public void Clear()
    {
        foreach (var store in stores)
        {
            store.Clear();
        }
    }
}
