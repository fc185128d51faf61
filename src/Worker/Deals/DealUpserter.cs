using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Idempotency;
using MassTransit;

namespace HubSpotCrm.Worker.Deals;

/// <summary>
/// Upserts the deals of many commands with a fixed number of HubSpot calls, whatever the number of deals: a batch read
/// of the contacts, a batch read of their deal associations, a batch read of those deals, then batch update for the
/// deals that exist (matched by name among the contact's deals) and batch create, associated inline, for the rest.
/// </summary>
public sealed class DealUpserter(HubSpotClient hubSpot, ContactCheck contacts, BatchWriter writer, IdempotencyKeys keys, ILogger<DealUpserter> logger)
{
    public async Task<ItemOutcomes<UpsertDeals, DealOutcome>> UpsertAsync(IReadOnlyList<ConsumeContext<UpsertDeals>> commands, CancellationToken cancellationToken)
    {
        var outcome = new ItemOutcomes<UpsertDeals, DealOutcome>(BusTopology.UpsertDealsCommand);
        var enforcedKeys = await keys.EnforcedAsync(cancellationToken);
        var keyProperty = enforcedKeys ? keys.DealProperty : null;

        var known = await contacts.KeepKnownAsync(commands, c => c.ContactId, outcome, cancellationToken);

        var writes = await PlanAsync(known, keyProperty, cancellationToken);
        var updates = writes.Where(w => w.ExistingId is not null).ToList();
        var creates = writes.Where(w => w.ExistingId is null).ToList();

        var updated = await writer.UpdateAsync(HubSpotObjectTypes.Deals,
            [.. updates.Select(w => new UpdateInput(w.ExistingId!, WithKey(w, keyProperty)))], cancellationToken);
        var created = await writer.CreateAsync(HubSpotObjectTypes.Deals,
            [.. creates.Select(w => new CreateInput(WithKey(w, keyProperty), [AssociationInput.Default(w.ContactId, AssociationTypes.DealToContact)]))],
            keyProperty, cancellationToken);

        // A deal made by another worker since our read: it now exists with our key, so it is updated instead.
        var raced = creates.Zip(created).Where(p => p.Second.AlreadyExisted).ToList();
        var raceUpdates = await writer.UpdateAsync(HubSpotObjectTypes.Deals,
            [.. raced.Select(p => new UpdateInput(p.Second.Id!, WithKey(p.First, keyProperty)))], cancellationToken);

        foreach (var (write, result) in updates.Zip(updated))
        {
            Record(outcome, write, result, created: false);
        }
        foreach (var (write, result) in creates.Zip(created).Where(p => !p.Second.AlreadyExisted))
        {
            Record(outcome, write, result, created: true);
        }
        foreach (var ((write, _), result) in raced.Zip(raceUpdates))
        {
            Record(outcome, write, result, created: false);
        }
        logger.LogInformation("Upserted {Deals} deals for {Commands} commands: {Created} created, {Updated} updated",
            writes.Count, commands.Count, creates.Count - raced.Count, updates.Count + raced.Count);
        return outcome;
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
                    writes[slot] = write = new DealWrite(contactId, dealname)
                    {
                        ExistingId = FindExisting(associations.GetValueOrDefault(contactId) ?? [], deals, dealname, keyProperty, contactId),
                    };
                }
                write.Add(command, i);
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

    private static void Record(ItemOutcomes<UpsertDeals, DealOutcome> outcome, DealWrite write, WriteResult result, bool created)
    {
        foreach (var target in write.Targets)
        {
            if (result.Succeeded)
            {
                outcome.Succeed(target.Command, target.Index, new DealOutcome(result.Id!, write.Dealname, created));
            }
            else
            {
                outcome.Fail(target.Command, target.Index, result.Failure!);
            }
        }
    }

    private static Dictionary<string, string> WithKey(DealWrite write, string? keyProperty)
    {
        var properties = new Dictionary<string, string>(write.Properties, StringComparer.Ordinal);
        if (keyProperty is not null)
        {
            properties[keyProperty] = IdempotencyKeys.ForDeal(write.ContactId, write.Dealname);
        }
        return properties;
    }
}
