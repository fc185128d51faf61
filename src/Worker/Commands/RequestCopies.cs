namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// A request can come twice in one batch (a client publishing it again, a retry after a 503): its first copy is the
/// one that made the object, its later copies answer created:false. The Api keeps the first result it records for a
/// request, so each later copy's result is published only once the broker has confirmed the one before it.
/// </summary>
public static class RequestCopies
{
    public static async Task PublishInOrderAsync<TItem>(IEnumerable<TItem> results, Func<TItem, Guid> requestIdOf, Func<TItem, Task> publish)
    {
        var rounds = results
            .GroupBy(requestIdOf)
            .SelectMany(copies => copies.Select((result, copy) => (Result: result, Copy: copy)))
            .GroupBy(r => r.Copy)
            .OrderBy(r => r.Key);
        foreach (var round in rounds)
        {
            await Task.WhenAll(round.Select(r => publish(r.Result)));
        }
    }
}
