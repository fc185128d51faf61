using System.Net.Http.Json;
using System.Text;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Batches;

/// <summary>The bulk routes, as a client calls them.</summary>
public static class BatchCalls
{
    public const string Contacts = "/api/v1/hubspot/contacts/batch";
    public const string Companies = "/api/v1/hubspot/companies/batch";

    /// <summary>
    /// A batch's answer once its rows are committed: 202, or 200 when the Worker had already carried out every item
    /// (it starts as soon as the broker has a message, before the Api commits and answers).
    /// </summary>
    public static void AssertAccepted(HttpResponseMessage response) =>
        Assert.Contains(response.StatusCode, new[] { System.Net.HttpStatusCode.Accepted, System.Net.HttpStatusCode.OK });

    public static Task<HttpResponseMessage> PostBatchAsync(this ApiClient api, string path, IEnumerable<object> items,
        string? idempotencyKey = null, string? prefer = null) =>
        api.PostAsync(path, new { items }, idempotencyKey, prefer);

    public static Task<HttpResponseMessage> PostNdjsonAsync(this ApiClient api, string path, string lines, string? prefer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(lines, Encoding.UTF8, "application/x-ndjson") };
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }
        return api.Http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetBatchAsync(this ApiClient api, Guid batchId, string? prefer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/batches/{batchId}");
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }
        return api.Http.SendAsync(request);
    }

    /// <summary>The batch once every item is final, asked with <c>Prefer: wait</c> until it says completed.</summary>
    public static async Task<JsonElement> WaitForCompletedAsync(this ApiClient api, Guid batchId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            using var response = await api.GetBatchAsync(batchId, "wait=10");
            response.EnsureSuccessStatusCode();
            var batch = await response.JsonAsync();
            if (batch.Status() == "completed" || DateTime.UtcNow > deadline)
            {
                return batch;
            }
        }
    }

    /// <summary>Every item of the batch, following <c>next</c> from page to page.</summary>
    public static async Task<List<JsonElement>> ItemsAsync(this ApiClient api, Guid batchId, int limit = 100, string? status = null)
    {
        var items = new List<JsonElement>();
        string? after = null;
        do
        {
            var query = $"limit={limit}" + (status is null ? "" : $"&status={status}") + (after is null ? "" : $"&after={after}");
            var page = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/batches/{batchId}/items?{query}");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        return items;
    }

    public static Guid BatchId(this JsonElement body) => body.GetProperty("batchId").GetGuid();

    public static int Count(this JsonElement batch, string name) => batch.GetProperty("counts").GetProperty(name).GetInt32();
}
