using HubSpotCrm.Contracts.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// One contact to upsert, made of every command in the batch for the same email: their properties merged in
/// arrival order, so the later command wins, and all of them answered with the one result.
/// </summary>
public sealed record ContactWrite(string Email, Dictionary<string, string> Properties, IReadOnlyList<ConsumeContext<UpsertContact>> Commands)
{
    public static IReadOnlyList<ContactWrite> Merge(IEnumerable<ConsumeContext<UpsertContact>> commands) =>
        [.. commands
            .GroupBy(c => Normalize(c.Message.Email))
            .Select(group =>
            {
                var properties = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var command in group)
                {
                    foreach (var (name, value) in command.Message.Properties ?? new Dictionary<string, string>())
                    {
                        properties[name] = value;
                    }
                }
                properties["email"] = group.Key;
                return new ContactWrite(group.Key, properties, [.. group]);
            })];

    /// <summary>HubSpot stores emails in lower case and matches them case-insensitively.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
