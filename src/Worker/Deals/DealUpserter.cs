using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Idempotency;
using MassTransit;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Worker.Deals;

/// <summary>
/// Upserts the deals of many commands with a fixed number of HubSpot calls, whatever the number of deals: a batch read
/// of the contacts, a batch read of their deal associations, a batch read of those deals, then batch update for the
/// deals that exist (matched by name among the contact's deals) and batch create, associated inline, for the rest.
/// Deals of one contact and name are one input; when HubSpot refuses it, only the deals it refuses fail
/// (<see cref="MergedWrites"/>), at the cost of more calls only then.
/// </summary>
public sealed class DealUpserter(HubSpotClient hubSpot, ContactCheck contacts, BatchWriter writer, IdempotencyKeys keys, ILogger<DealUpserter> logger)
{
    public async Task<ItemOutcomes<UpsertDeals, DealOutcome>> UpsertAsync(IReadOnlyList<ConsumeContext<UpsertDeals>> commands, CancellationToken cancellationToken)
    {
        var outcome = new ItemOutcomes<UpsertDeals, DealOutcome>(CommandCatalogue.UpsertDeals.Name);
        var enforcedKeys = await keys.EnforcedAsync(cancellationToken);
        var keyProperty = enforcedKeys ? keys.DealProperty : null;

        var known = await contacts.KeepKnownAsync(commands, c => c.ContactId, outcome, cancellationToken);

        var writes = await PlanAsync(known, keyProperty, cancellationToken);
        var (created, refused) = (0, 0);
        await MergedWrites.RunAsync(writes, w => w.Targets, w => w.ExistingId, t => t.Properties,
            inputs => WriteAsync(inputs, keyProperty, cancellationToken),
            (target, id, isNew) =>
            {
                created += isNew ? 1 : 0;
                outcome.Succeed(target.Command, target.Index, new DealOutcome(id, target.Dealname, isNew));
            },
            (target, failure) =>
            {
                refused++;
                outcome.Fail(target.Command, target.Index, failure);
            },
            logger);
        logger.LogInformation("Upserted {Deals} deals for {Commands} commands: {Created} created, {Refused} refused",
            writes.Count, commands.Count, created, refused);
        return outcome;
    }

    /// <summary>One round: batch update of the deals that exist, batch create of the others.</summary>
    private async Task<IReadOnlyList<MergedOutcome>> WriteAsync(IReadOnlyList<MergedInput<DealWrite, DealTarget>> inputs, string? keyProperty,
        CancellationToken cancellationToken)
    {
        var updates = inputs.Where(i => i.Id is not null).ToList();
        var creates = inputs.Where(i => i.Id is null).ToList();

        var updated = await writer.UpdateAsync(HubSpotObjectTypes.Deals,
            [.. updates.Select(i => new UpdateInput(i.Id!, WithKey(i, keyProperty)))], cancellationToken);
        var created = await writer.CreateAsync(HubSpotObjectTypes.Deals,
            [.. creates.Select(i => new CreateInput(WithKey(i, keyProperty), [AssociationInput.Default(i.Object.ContactId, AssociationTypes.DealToContact)]))],
            keyProperty, cancellationToken);

        // A deal made by another worker since our read: it now exists with our key, so it is updated instead.
        var raced = creates.Zip(created).Where(p => p.Second.AlreadyExisted).ToList();
        var raceUpdates = await writer.UpdateAsync(HubSpotObjectTypes.Deals,
            [.. raced.Select(p => new UpdateInput(p.Second.Id!, WithKey(p.First, keyProperty)))], cancellationToken);

        var outcomes = new Dictionary<MergedInput<DealWrite, DealTarget>, MergedOutcome>();
        foreach (var (input, result) in updates.Zip(updated))
        {
            outcomes[input] = Outcome(result, created: false);
        }
        foreach (var (input, result) in creates.Zip(created).Where(p => !p.Second.AlreadyExisted))
        {
            outcomes[input] = Outcome(result, created: true);
        }
        foreach (var ((input, _), result) in raced.Zip(raceUpdates))
        {
            outcomes[input] = Outcome(result, created: false);
        }
        return [.. inputs.Select(i => outcomes[i])];
    }

    /// <summary>Finds each contact's existing deals by association (never by search, which lags) and merges same-name deals.</summary>
    private async Task<List<DealWrite>> PlanAsync(IReadOnlyList<ConsumeContext<UpsertDeals>> commands, string? keyProperty, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return [];
        }
        var contactIds = commands.Select(c => c.Message.ContactId).Distinct().ToList();
        var associations = await hubSpot.ReadAssociationsAsync(HubSpotObjectTypes.Contacts, HubSpotObjectTypes.Deals, contactIds, cancellationToken);
        var dealIds = associations.Values.SelectMany(ids => ids).Distinct().ToList();
        var properties = keyProperty is null ? new List<string> { "dealname" } : ["dealname", keyProperty];
        var deals = dealIds.Count == 0
            ? []
            : (await hubSpot.BatchReadAsync(HubSpotObjectTypes.Deals, dealIds, properties, cancellationToken)).Results.ToDictionary(d => d.Id);

        var writes = new Dictionary<(string ContactId, string Name), DealWrite>();
        foreach (var command in commands)
        {
            for (var i = 0; i < command.Message.Deals.Count; i++)
            {
                var contactId = command.Message.ContactId;
                var dealname = command.Message.Deals[i].Dealname;
                var slot = (contactId, IdempotencyKeys.NormalizeDealname(dealname));
                if (!writes.TryGetValue(slot, out var write))
                {
                    writes[slot] = write = new DealWrite(contactId, dealname.Trim(),
                        FindExisting(associations.GetValueOrDefault(contactId) ?? [], deals, dealname, keyProperty, contactId));
                }
                write.Targets.Add(new DealTarget(command, i));
            }
        }
        return [.. writes.Values];
    }

    /// <summary>The contact's deal with this name; the one holding our key first, then the oldest.</summary>
    private static string? FindExisting(List<string> contactDealIds, Dictionary<string, HubSpotObject> deals, string dealname, string? keyProperty, string contactId)
    {
        var name = IdempotencyKeys.NormalizeDealname(dealname);
        var key = IdempotencyKeys.ForDeal(contactId, dealname);
        return contactDealIds
            .Select(id => deals.GetValueOrDefault(id))
            .Where(d => d is not null && IdempotencyKeys.NormalizeDealname(d.Property("dealname") ?? "") == name)
            .OrderByDescending(d => keyProperty is not null && d!.Property(keyProperty) == key)
            .ThenBy(d => long.TryParse(d!.Id, out var id) ? id : long.MaxValue)
            .Select(d => d!.Id)
            .FirstOrDefault();
    }

    private static MergedOutcome Outcome(WriteResult result, bool created) =>
        result.Succeeded ? MergedOutcome.Written(result.Id!, created) : MergedOutcome.Refused(result.Failure!);

    private static Dictionary<string, string> WithKey(MergedInput<DealWrite, DealTarget> input, string? keyProperty)
    {
        var properties = new Dictionary<string, string>(input.Properties, StringComparer.Ordinal);
        if (keyProperty is not null)
        {
            properties[keyProperty] = IdempotencyKeys.ForDeal(input.Object.ContactId, input.Object.Dealname);
        }
        return properties;
    }
}
