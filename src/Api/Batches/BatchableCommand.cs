using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Api.Batches;

/// <summary>
/// A command that can be submitted in bulk: its route, what makes two items the same object in HubSpot, and how such
/// items become one command. Items naming the same object are one request, as HubSpot's batch upsert refuses the same
/// id twice in one call; later items' properties win, as they would have if sent one after the other.
/// </summary>
public sealed record BatchableCommand<TCommand>(
    string Route,
    Func<TCommand, string> ObjectKey,
    Func<TCommand, TCommand, TCommand> Merge,
    Func<TCommand, Guid, TCommand> WithRequestId)
    where TCommand : class
{
    public CommandDefinition Definition { get; } = CommandCatalogue.For<TCommand>();

    /// <summary>The Idempotency-Key kind of the bulk route: a key belongs to one route.</summary>
    public string KeyKind => $"{Definition.RequestKind}-batch";
}

public static class BatchableCommands
{
    public static readonly BatchableCommand<UpsertContact> Contacts = new(
        "contacts",
        contact => contact.Email.ToUpperInvariant(),
        (first, later) => first with { Properties = MergeProperties(first.Properties, later.Properties) },
        (contact, requestId) => contact with { RequestId = requestId });

    /// <summary>The command's domain is normalized by the validator already (<see cref="Contracts.Rules.CompanyDomain"/>).</summary>
    public static readonly BatchableCommand<UpsertCompany> Companies = new(
        "companies",
        company => company.Domain,
        (first, later) => first with
        {
            Properties = MergeProperties(first.Properties, later.Properties),
            ContactIds = first.ContactIds is null && later.ContactIds is null
                ? null
                : [.. (first.ContactIds ?? []).Union(later.ContactIds ?? [])],
            PrimaryCompany = later.PrimaryCompany ?? first.PrimaryCompany,
        },
        (company, requestId) => company with { RequestId = requestId });

    private static Dictionary<string, string>? MergeProperties(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string>? later)
    {
        if (first is null && later is null)
        {
            return null;
        }
        var merged = new Dictionary<string, string>(first ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in later ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }
        return merged;
    }
}
