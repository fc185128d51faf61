using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Rules;
using MassTransit;

namespace HubSpotCrm.Worker.Companies;

/// <summary>
/// One company to upsert: every command in the batch for the same normalized domain, in arrival order. HubSpot gets
/// them as one input, merged so the later command wins (<see cref="Commands.MergedWrites"/>), and each gets its own answer.
/// </summary>
public sealed record CompanyWrite(string Domain, IReadOnlyList<ConsumeContext<UpsertCompany>> Commands)
{
    public static IReadOnlyList<CompanyWrite> Merge(IEnumerable<ConsumeContext<UpsertCompany>> commands) =>
        [.. commands.GroupBy(c => DomainOf(c.Message)).Select(group => new CompanyWrite(group.Key, [.. group]))];

    /// <summary>
    /// What one command writes: its properties, its domain as normalized, and that domain again in the key property,
    /// which HubSpot keeps unique and the upsert matches on. Both are set last, so no property of the command overrides them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PropertiesOf(ConsumeContext<UpsertCompany> command, string keyProperty)
    {
        var domain = DomainOf(command.Message);
        return new Dictionary<string, string>(command.Message.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["domain"] = domain,
            [keyProperty] = domain,
        };
    }

    /// <summary>The command's domain as normalized; its schema check has made sure it has one.</summary>
    public static string DomainOf(UpsertCompany command) =>
        CompanyDomain.Normalize(command.Domain) ?? throw new ArgumentException($"'{command.Domain}' is no domain; the schema check should have refused it.", nameof(command));
}
