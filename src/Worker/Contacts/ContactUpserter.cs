using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// Upserts contacts by email, 100 per call: atomic create-or-update in HubSpot, so a replay or a concurrent worker
/// never makes a second contact. A refused batch is narrowed down to its bad inputs, and a refused input made of
/// several commands for one email to its bad commands: only they fail.
/// </summary>
public sealed class ContactUpserter(HubSpotClient hubSpot, ILogger<ContactUpserter> logger)
{
    public async Task<IReadOnlyList<ContactUpsertOutcome>> UpsertAsync(IReadOnlyList<ContactWrite> writes, CancellationToken cancellationToken)
    {
        var outcomes = new List<ContactUpsertOutcome>(writes.Sum(w => w.Commands.Count));
        foreach (var chunk in writes.Chunk(HubSpotClient.MaxBatchSize))
        {
            await MergedWrites.RunAsync(chunk, w => w.Commands, _ => null, ContactWrite.PropertiesOf,
                inputs => SendAsync(inputs, cancellationToken),
                (command, id, created) => outcomes.Add(new ContactUpsertOutcome(command, ContactWrite.Normalize(command.Message.Email), id, created, null)),
                (command, failure) => outcomes.Add(new ContactUpsertOutcome(command, ContactWrite.Normalize(command.Message.Email), null, false, failure)),
                logger);
        }
        return outcomes;
    }

    private async Task<IReadOnlyList<MergedOutcome>> SendAsync(IReadOnlyList<MergedInput<ContactWrite, ContactCommand>> inputs,
        CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<MergedInput<ContactWrite, ContactCommand>, MergedOutcome>();
        await BatchIsolation.RunAsync(inputs, i => i.Properties,
            async batch =>
            {
                var result = await hubSpot.BatchUpsertAsync(HubSpotObjectTypes.Contacts,
                    [.. batch.Select(i => new UpsertInput(i.Object.Email, "email", i.Properties))], cancellationToken);
                var byEmail = result.Results
                    .Where(c => c.Property("email") is not null)
                    .ToDictionary(c => ContactWrite.Normalize(c.Property("email")!), c => c);
                foreach (var input in batch)
                {
                    outcomes[input] = byEmail.TryGetValue(input.Object.Email, out var contact)
                        ? MergedOutcome.Written(contact.Id, contact.New ?? false)
                        : MergedOutcome.Refused(new Failure(CommandFailures.HubSpotRejected, $"HubSpot's upsert answer has no contact for {input.Object.Email}."));
                }
            },
            (input, failure) => outcomes[input] = MergedOutcome.Refused(failure),
            logger);
        return [.. inputs.Select(i => outcomes[i])];
    }
}
