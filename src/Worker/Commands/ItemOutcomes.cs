using HubSpotCrm.Contracts.Events;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Per command of a batch, what happened to each of its objects (deals, tickets), so each command gets exactly one
/// result event: success when every object was written, otherwise a failure that lists the objects that were not.
/// </summary>
public sealed class ItemOutcomes<TCommand, TItem>(string commandName)
    where TCommand : class
    where TItem : class
{
    private readonly Dictionary<ConsumeContext<TCommand>, Failure> _commandFailures = [];
    private readonly Dictionary<ConsumeContext<TCommand>, SortedDictionary<int, (TItem? Item, Failure? Failure)>> _items = [];

    public void FailCommand(ConsumeContext<TCommand> command, Failure failure) => _commandFailures[command] = failure;

    public void Succeed(ConsumeContext<TCommand> command, int index, TItem item) => Items(command)[index] = (item, null);

    public void Fail(ConsumeContext<TCommand> command, int index, Failure failure) => Items(command)[index] = (null, failure);

    /// <summary>The event to publish for <paramref name="command"/>, which has <paramref name="itemCount"/> objects.</summary>
    public object EventFor(ConsumeContext<TCommand> command, Guid requestId, int itemCount, Func<IReadOnlyList<TItem>, object> success)
    {
        if (_commandFailures.TryGetValue(command, out var failure))
        {
            return failure.ToEvent(requestId, commandName);
        }
        var items = _items.GetValueOrDefault(command) ?? [];
        var failed = items.Where(i => i.Value.Failure is not null).ToList();
        if (failed.Count == 0 && items.Count == itemCount)
        {
            return success([.. items.Values.Select(i => i.Item!)]);
        }

        var itemFailures = failed.Select(i => new ItemFailure(i.Key, i.Value.Failure!.Code, i.Value.Failure.Message)).ToList();
        var first = failed.Select(i => i.Value.Failure!).FirstOrDefault()
            ?? new Failure(CommandFailures.HubSpotRejected, "HubSpot's answer did not cover every object.");
        return itemCount == 1
            ? first.ToEvent(requestId, commandName, itemFailures)
            : new CommandFailed(requestId, commandName, CommandFailures.PartialFailure,
                $"{itemFailures.Count} of {itemCount} objects could not be written; see items. First: {first.Message}",
                first.HubSpot, itemFailures);
    }

    private SortedDictionary<int, (TItem? Item, Failure? Failure)> Items(ConsumeContext<TCommand> command)
    {
        if (!_items.TryGetValue(command, out var items))
        {
            _items[command] = items = [];
        }
        return items;
    }
}
