using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Commands of a batch that name the same object (one email; one contact's deal name) reach HubSpot as one input,
/// their properties merged in arrival order so the later command wins: one call for the batch, and never two inputs
/// for one object in a call. HubSpot refuses that input as a whole for one bad command, so a refused input is taken
/// apart and written again in later rounds, which cost calls only then: the commands its error points at fail with
/// HubSpot's reason and the others are merged anew; when the error points at none, the input is halved and the earlier
/// half written before the later, which still wins. Only the first command of the write that created the object says
/// created; the others merged into it, or written after it, updated it.
/// </summary>
public static class MergedWrites
{
    /// <param name="objects">The objects to write, each with its commands (parts) in arrival order.</param>
    /// <param name="existingIdOf">The object's HubSpot id when it is known to exist: it is updated, never created.</param>
    /// <param name="write">Writes one input per object of a round; answers each, in order.</param>
    public static async Task RunAsync<TObject, TPart>(
        IReadOnlyList<TObject> objects,
        Func<TObject, IReadOnlyList<TPart>> partsOf,
        Func<TObject, string?> existingIdOf,
        Func<TPart, IReadOnlyDictionary<string, string>> propertiesOf,
        Func<IReadOnlyList<MergedInput<TObject, TPart>>, Task<IReadOnlyList<MergedOutcome>>> write,
        Action<TPart, string, bool> succeed,
        Action<TPart, Failure> fail,
        ILogger logger)
    {
        var pending = objects.Select(o => new Pending<TObject, TPart>(o, existingIdOf(o), partsOf(o))).ToList();
        while (pending.Where(p => p.Rounds.Count > 0).ToList() is { Count: > 0 } round)
        {
            var inputs = round.Select(p => new MergedInput<TObject, TPart>(p.Object, p.Rounds.Pop(), p.Id, propertiesOf)).ToList();
            var outcomes = await write(inputs);
            foreach (var (entry, input, outcome) in round.Zip(inputs, outcomes))
            {
                if (outcome.Failure is { } failure)
                {
                    TakeApart(entry, input.Parts, failure, propertiesOf, fail, logger);
                    continue;
                }
                entry.Id = outcome.Id;
                for (var i = 0; i < input.Parts.Count; i++)
                {
                    succeed(input.Parts[i], outcome.Id!, outcome.Created && i == 0);
                }
            }
        }
    }

    private static void TakeApart<TObject, TPart>(Pending<TObject, TPart> entry, IReadOnlyList<TPart> parts, Failure failure,
        Func<TPart, IReadOnlyDictionary<string, string>> propertiesOf, Action<TPart, Failure> fail, ILogger logger)
    {
        if (parts.Count == 1)
        {
            fail(parts[0], failure);
            return;
        }
        var named = failure.HubSpot is null ? [] : BatchIsolation.NamedByError(parts, new HubSpotErrorBody(Message: failure.Message), propertiesOf);
        logger.LogInformation("HubSpot refused an input merged from {Count} commands ({Category}); {Named} named by the error fail, the others are written again",
            parts.Count, failure.HubSpot?.Category, named.Count);
        if (named.Count > 0)
        {
            foreach (var part in named)
            {
                fail(part, failure);
            }
            if (parts.Except(named).ToList() is { Count: > 0 } rest)
            {
                entry.Rounds.Push(rest);
            }
            return;
        }
        var half = parts.Count / 2;
        entry.Rounds.Push([.. parts.Skip(half)]);
        entry.Rounds.Push([.. parts.Take(half)]);
    }

    /// <summary>An object, its id once HubSpot holds it, and its parts still to write: the top of the stack goes first.</summary>
    private sealed class Pending<TObject, TPart>(TObject target, string? id, IReadOnlyList<TPart> parts)
    {
        public TObject Object { get; } = target;

        public string? Id { get; set; } = id;

        public Stack<IReadOnlyList<TPart>> Rounds { get; } = new([parts]);
    }
}

/// <summary>One input of a round: commands naming one object, their properties merged in arrival order.</summary>
public sealed class MergedInput<TObject, TPart>(TObject target, IReadOnlyList<TPart> parts, string? id,
    Func<TPart, IReadOnlyDictionary<string, string>> propertiesOf)
{
    public TObject Object { get; } = target;

    public IReadOnlyList<TPart> Parts { get; } = parts;

    /// <summary>The object's HubSpot id when it exists (found before the batch, or written in an earlier round): update it.</summary>
    public string? Id { get; } = id;

    public Dictionary<string, string> Properties { get; } = Merge(parts, propertiesOf);

    private static Dictionary<string, string> Merge(IReadOnlyList<TPart> parts, Func<TPart, IReadOnlyDictionary<string, string>> propertiesOf)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var (name, value) in propertiesOf(part))
            {
                merged[name] = value;
            }
        }
        return merged;
    }
}

/// <summary>What HubSpot did with one merged input: wrote it (and whether that write created the object), or refused it.</summary>
public sealed record MergedOutcome(string? Id, bool Created, Failure? Failure)
{
    public static MergedOutcome Written(string id, bool created) => new(id, created, null);

    public static MergedOutcome Refused(Failure failure) => new(null, false, failure);
}
