using HubSpotCrm.Worker.HubSpot;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Deals and tickets hang on a contact: one batch read tells which commands name a contact HubSpot has. The others
/// fail with contact_not_found.
/// </summary>
public sealed class ContactCheck(HubSpotClient hubSpot)
{
    public async Task<List<ConsumeContext<TCommand>>> KeepKnownAsync<TCommand, TItem>(IReadOnlyList<ConsumeContext<TCommand>> commands,
        Func<TCommand, string> contactIdOf, ItemOutcomes<TCommand, TItem> outcome, CancellationToken cancellationToken)
        where TCommand : class
        where TItem : class
    {
        var contactIds = commands.Select(c => contactIdOf(c.Message)).Distinct().ToList();
        var contacts = await hubSpot.BatchReadAsync(HubSpotObjectTypes.Contacts, contactIds, ["email"], cancellationToken);
        var found = contacts.Results.Select(c => c.Id).ToHashSet();
        var known = new List<ConsumeContext<TCommand>>(commands.Count);
        foreach (var command in commands)
        {
            var contactId = contactIdOf(command.Message);
            if (found.Contains(contactId))
            {
                known.Add(command);
            }
            else
            {
                outcome.FailCommand(command, new Failure(CommandFailures.ContactNotFound, $"HubSpot has no contact with id {contactId}."));
            }
        }
        return known;
    }
}
