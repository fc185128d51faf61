using System.Globalization;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// Batch creates and updates with an outcome per input, made from the HubSpot client's results: HubSpot's refusals
/// become <see cref="Failure"/>s, and a batch refused as a whole is narrowed down (<see cref="BatchIsolation"/>). Every
/// input carries an objectWriteTraceId, so HubSpot refuses bad inputs one by one (207) instead of failing the batch;
/// results are matched back to inputs by idempotency key, echoed trace id or id, never by position alone when
/// anything failed.
/// </summary>
public sealed class BatchWriter(HubSpotClient hubSpot, ILogger<BatchWriter> logger)
{
    private const string TraceIdKey = "objectWriteTraceId";

    /// <param name="keyProperty">The unique idempotency-key property the inputs carry, when HubSpot enforces it.</param>
    public async Task<WriteResult[]> CreateAsync(string objectType, IReadOnlyList<CreateInput> inputs, string? keyProperty, CancellationToken cancellationToken)
    {
        var results = new WriteResult?[inputs.Count];
        var traced = inputs.Select((input, i) => new Traced<CreateInput>(i, input with { ObjectWriteTraceId = Trace(i) })).ToList();
        foreach (var chunk in traced.Chunk(HubSpotClient.MaxBatchSize))
        {
            await BatchIsolation.RunAsync(chunk, t => t.Input.Properties,
                async batch =>
                {
                    var response = await hubSpot.BatchCreateAsync(objectType, [.. batch.Select(t => t.Input)], cancellationToken);
                    MatchCreated(batch, response, keyProperty, results);
                    await ResolveConflictsAsync(objectType, batch, response, keyProperty, results, cancellationToken);
                },
                (t, failure) => results[t.Index] = WriteResult.Failed(failure),
                logger);
        }
        return Complete(results);
    }

    public async Task<WriteResult[]> UpdateAsync(string objectType, IReadOnlyList<UpdateInput> inputs, CancellationToken cancellationToken)
    {
        var results = new WriteResult?[inputs.Count];
        var traced = inputs.Select((input, i) => new Traced<UpdateInput>(i, input with { ObjectWriteTraceId = Trace(i) })).ToList();
        foreach (var chunk in traced.Chunk(HubSpotClient.MaxBatchSize))
        {
            await BatchIsolation.RunAsync(chunk, t => t.Input.Properties,
                async batch =>
                {
                    var response = await hubSpot.BatchUpdateAsync(objectType, [.. batch.Select(t => t.Input)], cancellationToken);
                    var byId = batch.ToDictionary(t => t.Input.Id, t => t.Index);
                    foreach (var updated in response.Results)
                    {
                        if (byId.TryGetValue(updated.Id, out var index))
                        {
                            results[index] = WriteResult.Written(updated.Id);
                        }
                    }
                    MatchErrors(batch, response, results);
                },
                (t, failure) => results[t.Index] = WriteResult.Failed(failure),
                logger);
        }
        return Complete(results);
    }

    private static void MatchCreated(IReadOnlyList<Traced<CreateInput>> batch, BatchResult response, string? keyProperty, WriteResult?[] results)
    {
        var byTrace = batch.ToDictionary(t => t.Input.ObjectWriteTraceId!, t => t.Index);
        var byKey = keyProperty is null
            ? []
            : batch.Where(t => t.Input.Properties.ContainsKey(keyProperty)).ToDictionary(t => t.Input.Properties[keyProperty], t => t.Index);
        var unmatched = new List<HubSpotObject>();
        foreach (var created in response.Results)
        {
            if (keyProperty is not null && created.Property(keyProperty) is { } key && byKey.TryGetValue(key, out var index) ||
                created.ObjectWriteTraceId is { } trace && byTrace.TryGetValue(trace, out index))
            {
                results[index] = WriteResult.Written(created.Id);
            }
            else
            {
                unmatched.Add(created);
            }
        }
        MatchErrors(batch, response, results);

        // Without keys or echoed trace ids, HubSpot's answer is in input order: safe to rely on only when nothing failed.
        if (unmatched.Count > 0 && response.Errors.Count == 0 && response.Results.Count == batch.Count)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                results[batch[i].Index] ??= WriteResult.Written(response.Results[i].Id);
            }
        }
    }

    private static void MatchErrors<TInput>(IReadOnlyList<Traced<TInput>> batch, BatchResult response, WriteResult?[] results)
    {
        var byTrace = batch.ToDictionary(t => Trace(t.Index), t => t.Index);
        foreach (var error in response.Errors)
        {
            foreach (var trace in error.ContextValues(TraceIdKey))
            {
                if (byTrace.TryGetValue(trace, out var index))
                {
                    results[index] = WriteResult.Failed(CommandFailures.From(error, StatusOf(error)));
                }
            }
        }
    }

    /// <summary>
    /// A conflict on the idempotency key means the object was written before (a replay, or another worker). It counts
    /// as the existing object only once HubSpot confirms that object holds this very key; a conflict on any other
    /// unique property stays a failure.
    /// </summary>
    private async Task ResolveConflictsAsync(string objectType, IReadOnlyList<Traced<CreateInput>> batch, BatchResult response,
        string? keyProperty, WriteResult?[] results, CancellationToken cancellationToken)
    {
        if (keyProperty is null)
        {
            return;
        }
        var conflicts = batch
            .Where(t => results[t.Index]?.Failure?.HubSpot?.Category == "CONFLICT" && t.Input.Properties.ContainsKey(keyProperty))
            .Select(t => (Traced: t, ExistingId: ExistingIdFor(t, response)))
            .Where(c => c.ExistingId is not null)
            .ToList();
        if (conflicts.Count == 0)
        {
            return;
        }
        var existing = await hubSpot.BatchReadAsync(objectType, [.. conflicts.Select(c => c.ExistingId!)], [keyProperty], cancellationToken);
        var keyById = existing.Results.ToDictionary(o => o.Id, o => o.Property(keyProperty));
        foreach (var (traced, existingId) in conflicts)
        {
            if (keyById.GetValueOrDefault(existingId!) == traced.Input.Properties[keyProperty])
            {
                results[traced.Index] = WriteResult.Existing(existingId!);
            }
        }
        logger.LogInformation("{Count} {ObjectType} already existed with the same idempotency key", conflicts.Count, objectType);
    }

    private static string? ExistingIdFor(Traced<CreateInput> traced, BatchResult response) =>
        response.Errors
            .Where(e => e.ContextValues(TraceIdKey).Contains(traced.Input.ObjectWriteTraceId))
            .Select(e => HubSpotApiException.ExistingId(e.Message))
            .FirstOrDefault(id => id is not null);

    private static int StatusOf(BatchError error) => error.Category switch
    {
        "CONFLICT" or "OBJECT_ALREADY_EXISTS" => 409,
        "OBJECT_NOT_FOUND" => 404,
        _ => 400,
    };

    private static WriteResult[] Complete(WriteResult?[] results) =>
        [.. results.Select(r => r ?? WriteResult.Failed(new Failure(CommandFailures.HubSpotRejected, "HubSpot's answer did not mention this input.")))];

    private static string Trace(int index) => index.ToString(CultureInfo.InvariantCulture);

    private sealed record Traced<TInput>(int Index, TInput Input);
}
