using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Idempotency;
using MassTransit;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Worker.Tickets;

/// <summary>
/// Creates the tickets of many commands together: a batch read checks the contacts, a batch association read finds the
/// deals of contacts whose commands name none, and batch create makes the tickets with their associations inline
/// (ticket→contact 16, ticket→deal 28). Each ticket carries a unique key, so a replayed command finds its tickets
/// instead of making them again.
/// </summary>
public sealed class TicketCreator(HubSpotClient hubSpot, ContactCheck contacts, BatchWriter writer, IdempotencyKeys keys, ILogger<TicketCreator> logger)
{
    public async Task<ItemOutcomes<CreateTickets, TicketOutcome>> CreateAsync(IReadOnlyList<ConsumeContext<CreateTickets>> commands, CancellationToken cancellationToken)
    {
        var outcome = new ItemOutcomes<CreateTickets, TicketOutcome>(CommandCatalogue.CreateTickets.Name);
        var keyProperty = await keys.EnforcedAsync(cancellationToken) ? keys.TicketProperty : null;

        var valid = await contacts.KeepKnownAsync(commands, c => c.ContactId, outcome, cancellationToken);

        var withoutDeals = valid.Where(c => c.Message.DealIds is null).Select(c => c.Message.ContactId).Distinct().ToList();
        var contactDeals = withoutDeals.Count == 0
            ? new Dictionary<string, List<string>>()
            : await hubSpot.ReadAssociationsAsync(HubSpotObjectTypes.Contacts, HubSpotObjectTypes.Deals, withoutDeals, cancellationToken);

        // The same command can arrive twice in one batch (a client publishing it twice): one ticket serves both, and
        // only the first copy says it created it, as a copy in a later batch would find it.
        var planned = valid
            .SelectMany(command =>
            {
                var dealIds = command.Message.DealIds ?? contactDeals.GetValueOrDefault(command.Message.ContactId) ?? [];
                return command.Message.Tickets.Select((ticket, index) => (Command: command, Index: index, Ticket: ticket, DealIds: dealIds));
            })
            .GroupBy(p => (p.Command.Message.RequestId, p.Index))
            .ToList();
        var results = await writer.CreateAsync(HubSpotObjectTypes.Tickets,
            [.. planned.Select(g => g.First()).Select(p => Input(p.Command.Message, p.Index, p.Ticket, p.DealIds, keyProperty))], keyProperty, cancellationToken);

        foreach (var (plans, result) in planned.Zip(results))
        {
            foreach (var (plan, copy) in plans.Select((plan, copy) => (plan, copy)))
            {
                if (result.Succeeded)
                {
                    outcome.Succeed(plan.Command, plan.Index, new TicketOutcome(result.Id!, plan.Ticket.Subject, plan.DealIds, copy == 0 && !result.AlreadyExisted));
                }
                else
                {
                    outcome.Fail(plan.Command, plan.Index, result.Failure!);
                }
            }
        }
        logger.LogInformation("Created {Tickets} tickets for {Commands} commands ({Existing} already existed, {Failed} refused)",
            results.Count(r => r.Succeeded && !r.AlreadyExisted), commands.Count, results.Count(r => r.AlreadyExisted), results.Count(r => !r.Succeeded));
        return outcome;
    }

    private static CreateInput Input(CreateTickets command, int index, TicketInput ticket, IReadOnlyList<string> dealIds, string? keyProperty)
    {
        var properties = new Dictionary<string, string>(ticket.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["subject"] = ticket.Subject,
            ["content"] = ticket.Content,
            ["hs_ticket_category"] = ticket.Category,
            ["hs_pipeline"] = ticket.Pipeline,
            ["hs_pipeline_stage"] = ticket.PipelineStage,
            ["hs_ticket_priority"] = ticket.Priority,
        };
        if (keyProperty is not null)
        {
            properties[keyProperty] = IdempotencyKeys.ForTicket(command.RequestId, index);
        }
        List<AssociationInput> associations =
        [
            AssociationInput.Default(command.ContactId, AssociationTypes.TicketToContact),
            .. dealIds.Select(dealId => AssociationInput.Default(dealId, AssociationTypes.TicketToDeal)),
        ];
        return new CreateInput(properties, associations);
    }
}
