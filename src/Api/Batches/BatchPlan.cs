namespace HubSpotCrm.Api.Batches;

/// <summary>
/// The requests a batch's valid items become: one per contact or company, at the index of the first item naming it,
/// with the later items naming it merged in and listed as its duplicates.
/// </summary>
public sealed record BatchPlan<TCommand>(IReadOnlyList<BatchPlan<TCommand>.Request> Requests, IReadOnlyList<BatchDuplicate> Duplicates)
    where TCommand : class
{
    public sealed record Request(Guid Id, int Index, TCommand Command);

    /// <param name="requestIdOf">The request id of the item at an index: drawn, or derived from the Idempotency-Key.</param>
    public static BatchPlan<TCommand> Create(
        IReadOnlyList<(int Index, TCommand Command)> valid, BatchableCommand<TCommand> batchable, Func<int, Guid> requestIdOf)
    {
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var requests = new List<(int Index, TCommand Command)>(valid.Count);
        var duplicates = new List<BatchDuplicate>();
        foreach (var (index, command) in valid)
        {
            var key = batchable.ObjectKey(command);
            if (firstOf.TryGetValue(key, out var position))
            {
                requests[position] = (requests[position].Index, batchable.Merge(requests[position].Command, command));
                duplicates.Add(new BatchDuplicate(index, requests[position].Index));
                continue;
            }
            firstOf[key] = requests.Count;
            requests.Add((index, command));
        }
        return new BatchPlan<TCommand>([.. requests.Select(ToRequest)], duplicates);

        Request ToRequest((int Index, TCommand Command) item)
        {
            var id = requestIdOf(item.Index);
            return new Request(id, item.Index, batchable.WithRequestId(item.Command, id));
        }
    }
}
