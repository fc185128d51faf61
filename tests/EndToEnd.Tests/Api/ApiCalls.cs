using System.Net.Http.Json;
using System.Text;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>Calls with the headers the Api's submission and status features read, and what a caller checks in answers.</summary>
public static class ApiCalls
{
    public const string Contact = "/api/v1/hubspot/contact";
    public const string Deals = "/api/v1/hubspot/deals";
    public const string Tickets = "/api/v1/hubspot/tickets";

    public static Task<HttpResponseMessage> PostAsync(this ApiClient api, string path, object body, string? idempotencyKey = null, string? prefer = null) =>
        api.SendAsync(HttpMethod.Post, path, JsonContent.Create(body), idempotencyKey, prefer);

    public static Task<HttpResponseMessage> PostJsonTextAsync(this ApiClient api, string path, string json, string? idempotencyKey = null) =>
        api.SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"), idempotencyKey, null);

    public static Task<HttpResponseMessage> GetStatusAsync(this ApiClient api, Guid requestId, string? prefer = null) =>
        api.SendAsync(HttpMethod.Get, $"/api/v1/requests/{requestId}", null, null, prefer);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static Guid RequestId(this JsonElement body) => body.GetProperty("requestId").GetGuid();

    public static string Status(this JsonElement body) => body.GetProperty("status").GetString()!;

    private static Task<HttpResponseMessage> SendAsync(this ApiClient api, HttpMethod method, string path, HttpContent? content,
        string? idempotencyKey, string? prefer)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }
        return api.Http.SendAsync(request);
    }
}
