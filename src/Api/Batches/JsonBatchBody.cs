using System.Text.Json;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.Submissions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Batches;

/// <summary>A bulk submission as one JSON body, <c>{"items": [ {…}, … ]}</c>, each item the body of a single submission.</summary>
public static class JsonBatchBody
{
    public const string ItemsField = "items";

    /// <summary>Hands each item to <paramref name="intake"/>; returns the body's hash for its Idempotency-Key, or why it cannot be read.</summary>
    public static async Task<(byte[]? Hash, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, BatchLimitsOptions limits, IBatchIntake intake, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        using var body = document!;
        var root = body.RootElement;
        var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => n != ItemsField).ToList();
        if (!root.TryGetProperty(ItemsField, out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0 || unknown.Count > 0)
        {
            return (null, BatchProblems.Shape(unknown, $"Send the items as a non-empty array in '{ItemsField}': {{\"{ItemsField}\": [ {{…}}, … ]}}."));
        }
        if (items.GetArrayLength() > limits.MaxItems)
        {
            return (null, BatchProblems.TooManyItems(ItemsField, items.GetArrayLength(), limits.MaxItems,
                "split larger sets into several batches, or upload them as NDJSON (Content-Type: application/x-ndjson)"));
        }
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            intake.Add(new BatchInput(index, null, $"{ItemsField}[{index}]", item));
            index++;
        }
        return (CanonicalJson.Sha256(root), null);
    }
}
