using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// A caller of the Api, as a user's system would be. It sends the tests' API key (<see cref="ServiceStackOptions.ApiKey"/>)
/// unless given another one, or null to send none; through <paramref name="handler"/> when a test watches its connections.
/// </summary>
public sealed class ApiClient(Uri baseUrl, string? apiKey = ServiceStackOptions.ApiKey, HttpMessageHandler? handler = null) : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient _http = Create(baseUrl, apiKey, handler);

    public HttpClient Http => _http;

    public Uri BaseUrl => baseUrl;

    /// <summary>Another caller of the same Api, sending <paramref name="key"/> (null: no key at all).</summary>
    public ApiClient WithApiKey(string? key) => new(baseUrl, key);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => _http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType = "application/json") =>
        _http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Submits and expects 202; returns the request id.</summary>
    public async Task<Guid> SubmitAsync(string path, object body)
    {
        using var response = await PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("requestId").GetGuid();
    }

    public async Task<JsonElement?> StatusAsync(Guid requestId)
    {
        using var response = await _http.GetAsync($"/api/v1/requests/{requestId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls GET /api/v1/requests/{id} until the request is succeeded or failed.</summary>
    public async Task<JsonElement> WaitForFinalAsync(Guid requestId, TimeSpan? timeout = null)
    {
        var status = await Eventually.GetAsync(() => StatusAsync(requestId),
            s => s is { } json && json.GetProperty("status").GetString() is "succeeded" or "failed",
            $"request {requestId} to finish", timeout);
        return status!.Value;
    }

    public async Task<JsonElement> SubmitAndWaitAsync(string path, object body, TimeSpan? timeout = null) =>
        await WaitForFinalAsync(await SubmitAsync(path, body), timeout);

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri baseUrl, string? apiKey, HttpMessageHandler? handler)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseUrl;
        http.Timeout = TimeSpan.FromSeconds(30);
        if (apiKey is not null)
        {
            // Without validation, so tests can send keys no real client would.
            http.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeader, apiKey);
        }
        return http;
    }
}
