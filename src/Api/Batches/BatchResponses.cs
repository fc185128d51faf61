using System.Text.Json;
using System.Text.Json.Serialization;
using HubSpotCrm.Api.Webhooks;

namespace HubSpotCrm.Api.Batches;

/// <summary>An item that named the same contact or company as an earlier one: both are the earlier item's request.</summary>
public sealed record BatchDuplicate(int Index, int DuplicateOf);

/// <summary>An item refused under <c>Prefer: partial</c>, with every problem it has, keyed as in a 422.</summary>
public sealed record BatchRejection(int Index, int? Line, IReadOnlyDictionary<string, string[]> Errors);

/// <param name="Items">Items submitted, refused and repeated ones included.</param>
/// <param name="Requests">Requests the batch created: one per distinct accepted item.</param>
/// <param name="Accepted">Requests not final yet.</param>
public sealed record BatchCounts(int Items, int Requests, int Accepted, int Succeeded, int Failed, int Duplicates, int Rejected);

/// <summary>What POST …/batch and GET /api/v1/batches/{id} answer.</summary>
/// <param name="Status">accepted while any request is, then completed (final).</param>
/// <param name="ItemsUrl">Each request's own status, in item order, paged.</param>
/// <param name="Webhook">Where its completion callback stands; absent when it has none, and in the callback itself.</param>
public sealed record BatchStatusResponse(
    Guid BatchId,
    string Kind,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    BatchCounts Counts,
    string StatusUrl,
    string ItemsUrl,
    IReadOnlyList<BatchDuplicate> Duplicates,
    IReadOnlyList<BatchRejection> Rejected,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookStatus? Webhook = null)
{
    public static string UrlOf(Guid batchId) => $"/api/v1/batches/{batchId}";

    /// <param name="delivery">Its callback's state, when it has a callback target.</param>
    public static BatchStatusResponse From(BatchRecord batch, BatchProgress progress, WebhookDeliveryRecord? delivery = null)
    {
        var duplicates = JsonSerializer.Deserialize<List<BatchDuplicate>>(batch.Duplicates, JsonSerializerOptions.Web) ?? [];
        var rejected = JsonSerializer.Deserialize<List<BatchRejection>>(batch.Rejected, JsonSerializerOptions.Web) ?? [];
        return new BatchStatusResponse(
            batch.Id,
            batch.Kind,
            progress.IsFinal ? BatchStatuses.Completed : BatchStatuses.Accepted,
            batch.CreatedAt,
            progress.IsFinal ? progress.LastCompletedAt ?? batch.CreatedAt : null,
            new BatchCounts(batch.ItemCount, progress.Requests, progress.Accepted, progress.Succeeded, progress.Failed, duplicates.Count, rejected.Count),
            UrlOf(batch.Id),
            $"{UrlOf(batch.Id)}/items",
            duplicates,
            rejected,
            batch.WebhookUrl is null ? null : WebhookStatus.Of(delivery));
    }

    /// <summary>The batch's document as its callback carries it: without the callback's own state.</summary>
    public static BatchStatusResponse ForCallback(BatchRecord batch, BatchProgress progress) => From(batch, progress) with { Webhook = null };
}

/// <summary>One request of a batch, with the index of the item that created it.</summary>
public sealed record BatchItemResponse(int Index, Requests.RequestStatusResponse Request);

/// <summary>A page of a batch's requests; pass <paramref name="Next"/> as <c>after</c> for the following one (null: last page).</summary>
public sealed record BatchItemPage(IReadOnlyList<BatchItemResponse> Items, string? Next);
