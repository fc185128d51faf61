namespace HubSpotCrm.Api.Batches;

/// <summary>
/// Packs a batch's commands into the bulk commands that carry them (UpsertContacts): in item order, at most
/// <paramref name="maxCommands"/> per message, and never more than <see cref="MaxMessageBytes"/> by each command's
/// upper bound, so no message nears the Worker's 1 MiB limit however large its contacts are; a command whose bound
/// alone passes it travels alone, as it would have as a single submission.
/// </summary>
public static class BulkMessages
{
    /// <summary>Half the Worker's limit on a command message: the rest is room for MassTransit's envelope and headers.</summary>
    public const long MaxMessageBytes = 512 * 1024;

    public static IReadOnlyList<IReadOnlyList<T>> Pack<T>(IReadOnlyList<T> commands, int maxCommands, Func<T, long> maxBytesOf)
    {
        var messages = new List<IReadOnlyList<T>>();
        var current = new List<T>(Math.Min(maxCommands, commands.Count));
        long bytes = 0;
        foreach (var command in commands)
        {
            var size = maxBytesOf(command);
            if (current.Count > 0 && (current.Count == maxCommands || bytes + size > MaxMessageBytes))
            {
                messages.Add(current);
                current = new List<T>(maxCommands);
                bytes = 0;
            }
            current.Add(command);
            bytes += size;
        }
        if (current.Count > 0)
        {
            messages.Add(current);
        }
        return messages;
    }

    /// <summary>
    /// The most bytes these strings can take as JSON in a message: MassTransit escapes HTML-sensitive and non-ASCII
    /// characters as \uXXXX, six bytes for one UTF-16 unit, plus quotes, a colon and a comma each.
    /// </summary>
    public static long MaxJsonBytes(IEnumerable<string> texts) => texts.Sum(t => 6L * t.Length + 4);
}
