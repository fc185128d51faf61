using System.Globalization;
using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Idempotency;
using MassTransit;

namespace HubSpotCrm.Worker.Companies;

/// <summary>
/// Upserts companies by their normalized domain, 100 per call, and links their contacts, with a fixed number of HubSpot
/// calls whatever the number of companies: a batch read of the contacts named (when any are), a batch upsert by the
/// unique company key (atomic, so a replay or a concurrent worker never makes a second company, which matching on
/// HubSpot's own, non-unique domain could), then one v4 batch create of the links (linking a pair again changes
/// nothing). A command naming a contact HubSpot does not have fails before anything is written. A refused batch is
/// narrowed down to its bad inputs, and a refused input made of several commands for one domain to its bad commands.
/// </summary>
public sealed class CompanyUpserter(HubSpotClient hubSpot, ContactCheck contacts, IdempotencyKeys keys, ILogger<CompanyUpserter> logger)
{
    private static readonly Dictionary<string, string> NoProperties = [];

    public async Task<IReadOnlyList<CompanyUpsertOutcome>> UpsertAsync(IReadOnlyList<ConsumeContext<UpsertCompany>> commands, CancellationToken cancellationToken)
    {
        var outcomes = new List<CompanyUpsertOutcome>(commands.Count);
        if (!await keys.CompanyKeyEnforcedAsync(cancellationToken))
        {
            var failure = new Failure(CommandFailures.HubSpotRejected,
                $"HubSpot does not enforce the unique company property {keys.CompanyProperty}, which companies are upserted by (domain is not unique " +
                "in HubSpot); the Worker could not create it at start (see its log). Let the app create unique properties and restart the Worker.");
            return [.. commands.Select(c => Failed(c, failure))];
        }
        var keyProperty = keys.CompanyProperty;

        var unknown = await contacts.UnknownAsync([.. commands.SelectMany(c => ContactIdsOf(c.Message)).Distinct()], cancellationToken);
        var known = new List<ConsumeContext<UpsertCompany>>(commands.Count);
        foreach (var command in commands)
        {
            var missing = ContactIdsOf(command.Message).Where(unknown.Contains).ToList();
            if (missing.Count > 0)
            {
                outcomes.Add(Failed(command, ContactCheck.NotFound(missing)));
            }
            else
            {
                known.Add(command);
            }
        }

        var written = new List<(ConsumeContext<UpsertCompany> Command, string CompanyId, bool Created)>(known.Count);
        var writes = CompanyWrite.Merge(known);
        foreach (var chunk in writes.Chunk(HubSpotClient.MaxBatchSize))
        {
            await MergedWrites.RunAsync(chunk, w => w.Commands, _ => null, c => CompanyWrite.PropertiesOf(c, keyProperty),
                inputs => SendAsync(inputs, keyProperty, cancellationToken),
                (command, id, created) => written.Add((command, id, created)),
                (command, failure) => outcomes.Add(Failed(command, failure)),
                logger);
        }

        var linkFailures = await LinkAsync(written, cancellationToken);
        foreach (var (command, companyId, created) in written)
        {
            outcomes.Add(linkFailures.TryGetValue(command, out var failure)
                ? Failed(command, failure)
                : new CompanyUpsertOutcome(command, CompanyWrite.DomainOf(command.Message), companyId, created, ContactIdsOf(command.Message), null));
        }
        logger.LogInformation("Upserted {Companies} companies for {Commands} commands: {Created} created, {Failed} failed",
            writes.Count, commands.Count, outcomes.Count(o => o.Created), outcomes.Count(o => o.Failure is not null));
        return outcomes;
    }

    private async Task<IReadOnlyList<MergedOutcome>> SendAsync(IReadOnlyList<MergedInput<CompanyWrite, ConsumeContext<UpsertCompany>>> inputs,
        string keyProperty, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<MergedInput<CompanyWrite, ConsumeContext<UpsertCompany>>, MergedOutcome>();
        await BatchIsolation.RunAsync(inputs, i => i.Properties,
            async batch =>
            {
                var result = await hubSpot.BatchUpsertAsync(HubSpotObjectTypes.Companies,
                    [.. batch.Select(i => new UpsertInput(i.Object.Domain, keyProperty, i.Properties))], cancellationToken);
                var byKey = result.Results
                    .Where(c => c.Property(keyProperty) is not null)
                    .GroupBy(c => c.Property(keyProperty)!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var input in batch)
                {
                    outcomes[input] = byKey.TryGetValue(input.Object.Domain, out var company)
                        ? MergedOutcome.Written(company.Id, company.New ?? false)
                        : MergedOutcome.Refused(new Failure(CommandFailures.HubSpotRejected, $"HubSpot's upsert answer has no company for {input.Object.Domain}."));
                }
            },
            (input, failure) => outcomes[input] = MergedOutcome.Refused(failure),
            logger);
        return [.. inputs.Select(i => outcomes[i])];
    }

    /// <summary>
    /// Links each written company to its command's contacts, every pair once (as primary when any command asks for it),
    /// in arrival order so that of two companies made primary for one contact the later one keeps the label. A command
    /// with a link HubSpot refused fails; its company stays written, which a replay finds and links again.
    /// </summary>
    private async Task<Dictionary<ConsumeContext<UpsertCompany>, Failure>> LinkAsync(
        IReadOnlyList<(ConsumeContext<UpsertCompany> Command, string CompanyId, bool Created)> written, CancellationToken cancellationToken)
    {
        var pairs = new List<(string ContactId, string CompanyId)>();
        var primary = new Dictionary<(string ContactId, string CompanyId), bool>();
        foreach (var (command, companyId, _) in written)
        {
            foreach (var contactId in ContactIdsOf(command.Message))
            {
                var pair = (contactId, companyId);
                if (!primary.TryGetValue(pair, out var asPrimary))
                {
                    pairs.Add(pair);
                }
                primary[pair] = asPrimary || command.Message.PrimaryCompany == true;
            }
        }
        var failures = new Dictionary<ConsumeContext<UpsertCompany>, Failure>();
        if (pairs.Count == 0)
        {
            return failures;
        }

        var inputs = pairs.Select(p => new AssociationCreateInput(new ObjectId(p.ContactId), new ObjectId(p.CompanyId),
            [new AssociationSpec("HUBSPOT_DEFINED", primary[p] ? AssociationTypes.ContactToPrimaryCompany : AssociationTypes.ContactToCompany)])).ToList();
        var refused = new Dictionary<(string ContactId, string CompanyId), Failure>();
        await BatchIsolation.RunAsync(inputs, _ => NoProperties,
            async batch =>
            {
                var response = await hubSpot.CreateAssociationsAsync(HubSpotObjectTypes.Contacts, HubSpotObjectTypes.Companies, batch, cancellationToken);
                var linked = response.Results.Select(r => (Id(r.FromObjectId), Id(r.ToObjectId))).ToHashSet();
                var reason = response.Errors?.FirstOrDefault() is { } error ? LinkFailure(error) : null;
                foreach (var input in batch.Where(i => !linked.Contains((i.From.Id, i.To.Id))))
                {
                    refused[(input.From.Id, input.To.Id)] = reason ?? new Failure(CommandFailures.HubSpotRejected, "HubSpot's answer did not mention this link.");
                }
            },
            (input, failure) => refused[(input.From.Id, input.To.Id)] = failure,
            logger);

        foreach (var (command, companyId, _) in written)
        {
            var unlinked = ContactIdsOf(command.Message).Where(c => refused.ContainsKey((c, companyId))).ToList();
            if (unlinked.Count > 0)
            {
                var first = refused[(unlinked[0], companyId)];
                failures[command] = first with
                {
                    Message = $"The company {companyId} was written, but HubSpot did not link {(unlinked.Count == 1 ? "contact" : "contacts")} " +
                              $"{string.Join(", ", unlinked)} to it: {first.Message}",
                };
            }
        }
        if (refused.Count > 0)
        {
            logger.LogInformation("HubSpot refused {Refused} of {Links} contact-company links", refused.Count, pairs.Count);
        }
        return failures;
    }

    /// <summary>A link refused on its own: its contact is gone since the check (not found), or HubSpot's reason.</summary>
    private static Failure LinkFailure(BatchError error) => error.Category == "OBJECT_NOT_FOUND"
        ? new Failure(CommandFailures.ContactNotFound, error.Message ?? "HubSpot does not have this contact.")
        : CommandFailures.From(error, 400);

    private static IReadOnlyList<string> ContactIdsOf(UpsertCompany command) => [.. (command.ContactIds ?? []).Distinct()];

    private static CompanyUpsertOutcome Failed(ConsumeContext<UpsertCompany> command, Failure failure) =>
        new(command, CompanyWrite.DomainOf(command.Message), null, false, [], failure);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
