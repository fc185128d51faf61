namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// One contact to upsert: every command in the batch for the same email, in arrival order. HubSpot gets them as one
/// input, merged so the later command wins (<see cref="Commands.MergedWrites"/>), and each gets its own answer.
/// </summary>
public sealed record ContactWrite(string Email, IReadOnlyList<ContactCommand> Commands)
{
    public static IReadOnlyList<ContactWrite> Merge(IEnumerable<ContactCommand> commands) =>
        [.. commands.GroupBy(c => Normalize(c.Message.Email)).Select(group => new ContactWrite(group.Key, [.. group]))];

    /// <summary>What one command writes: its properties, and its email as HubSpot stores it.</summary>
    public static IReadOnlyDictionary<string, string> PropertiesOf(ContactCommand command) =>
        new Dictionary<string, string>(command.Message.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["email"] = Normalize(command.Message.Email),
        };

    /// <summary>HubSpot stores emails in lower case and matches them case-insensitively.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
