using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// Upserts contacts by email, 100 per call: atomic create-or-update in HubSpot, so a replay or a concurrent worker
/// never makes a second contact. A refused batch is narrowed down to its bad inputs.
/// </summary>
public sealed class ContactUpserter(HubSpotClient hubSpot, ILogger<ContactUpserter> logger)
{
    public async Task<IReadOnlyList<ContactUpsertOutcome>> UpsertAsync(IReadOnlyList<ContactWrite> writes, CancellationToken cancellationToken)
    {
        var outcomes = new List<ContactUpsertOutcome>(writes.Count);
        foreach (var chunk in writes.Chunk(HubSpotClient.MaxBatchSize))
        {
            await BatchIsolation.RunAsync(chunk, w => w.Properties,
                batch => SendAsync(batch, outcomes, cancellationToken),
                (write, failure) => outcomes.Add(new ContactUpsertOutcome(write, null, failure)),
                logger);
        }
        return outcomes;
    }

    private async Task SendAsync(IReadOnlyList<ContactWrite> writes, List<ContactUpsertOutcome> outcomes, CancellationToken cancellationToken)
    {
        var inputs = writes.Select(w => new UpsertInput(w.Email, "email", w.Properties)).ToList();
        var result = await hubSpot.BatchUpsertAsync(HubSpotObjectTypes.Contacts, inputs, cancellationToken);
        var byEmail = result.Results
            .Where(c => c.Property("email") is not null)
            .ToDictionary(c => ContactWrite.Normalize(c.Property("email")!), c => c);
        foreach (var write in writes)
        {
            outcomes.Add(byEmail.TryGetValue(write.Email, out var contact)
                ? new ContactUpsertOutcome(write, contact, null)
                : new ContactUpsertOutcome(write, null, new Failure(CommandFailures.HubSpotRejected,
                    $"HubSpot's upsert answer has no contact for {write.Email}.")));
        }
    }
}
