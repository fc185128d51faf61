using HubSpotCrm.Worker.HubSpot;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Deals, tickets and company links hang on contacts: one batch read tells which commands name contacts HubSpot has.
/// The others fail with contact_not_found.
/// </summary>
public sealed class ContactCheck(HubSpotClient hubSpot)
{
    public async Task<List<ConsumeContext<TCommand>>> KeepKnownAsync<TCommand, TItem>(IReadOnlyList<ConsumeContext<TCommand>> commands,
        Func<TCommand, string> contactIdOf, ItemOutcomes<TCommand, TItem> outcome, CancellationToken cancellationToken)
        where TCommand : class
        where TItem : class
    {
        var unknown = await UnknownAsync([.. commands.Select(c => contactIdOf(c.Message))], cancellationToken);
        var known = new List<ConsumeContext<TCommand>>(commands.Count);
        foreach (var command in commands)
        {
            var contactId = contactIdOf(command.Message);
            if (!unknown.Contains(contactId))
            {
                known.Add(command);
            }
            else
            {
                outcome.FailCommand(command, NotFound([contactId]));
            }
        }
        return known;
    }

    /// <summary>The ids among <paramref name="contactIds"/> HubSpot has no contact for, in one batch read per 100.</summary>
    public async Task<IReadOnlySet<string>> UnknownAsync(IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken)
    {
        if (contactIds.Count == 0)
        {
            return new HashSet<string>();
        }
        var contacts = await hubSpot.BatchReadAsync(HubSpotObjectTypes.Contacts, contactIds, ["email"], cancellationToken);
        var found = contacts.Results.Select(c => c.Id).ToHashSet();
        return contactIds.Where(id => !found.Contains(id)).ToHashSet();
    }

    public static Failure NotFound(IReadOnlyList<string> contactIds) => contactIds.Count == 1
        ? new Failure(CommandFailures.ContactNotFound, $"HubSpot has no contact with id {contactIds[0]}.")
        : new Failure(CommandFailures.ContactNotFound, $"HubSpot has no contacts with ids {string.Join(", ", contactIds)}.");
}
