using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// Carries out a batch's contact commands with one HubSpot batch upsert per 100 emails, and answers every command
/// with its own result event; commands for the same email share one write, and only the one that created the contact
/// says created.
/// </summary>
public sealed class ContactCommands(ContactUpserter upserter, ResultPublisher results, ILogger<ContactCommands> logger)
{
    public async Task CarryOutAsync(IReadOnlyList<ContactCommand> commands, CancellationToken cancellationToken)
    {
        var writes = ContactWrite.Merge(commands);
        var outcomes = await upserter.UpsertAsync(writes, cancellationToken);

        await RequestCopies.PublishInOrderAsync(outcomes, o => o.Command.Message.RequestId, outcome =>
            results.PublishAsync(outcome.Command.Context, outcome.Command.Command, outcome.ContactId is { } contactId
                ? new ContactUpserted(outcome.Command.Message.RequestId, contactId, outcome.Email, outcome.Created)
                : outcome.Failure!.ToEvent(outcome.Command.Message.RequestId, outcome.Command.Command)));
        logger.LogInformation("Upserted {Contacts} contacts for {Commands} commands ({Failed} refused)",
            writes.Count, commands.Count, outcomes.Count(o => o.Failure is not null));
    }
}
