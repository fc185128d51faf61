using System.Net.Http.Json;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>Submissions with a Callback-Url, and the webhook member of a status, as a client sees them.</summary>
public static class WebhookCalls
{
    public const string Contact = "/api/v1/hubspot/contact";

    public static Task<HttpResponseMessage> PostWithCallbackAsync(this ApiClient api, string path, object body, string? callbackUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (callbackUrl is not null)
        {
            request.Headers.TryAddWithoutValidation("Callback-Url", callbackUrl);
        }
        return api.Http.SendAsync(request);
    }

    public static async Task<Guid> SubmitContactAsync(this ApiClient api, string? callbackUrl = null)
    {
        using var response = await api.PostWithCallbackAsync(Contact, TestData.Contact(), callbackUrl);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).RequestId();
    }

    /// <summary>The request's status once its webhook member is in <paramref name="state"/>.</summary>
    public static async Task<JsonElement> WaitForWebhookStateAsync(this ApiClient api, Guid requestId, string state, TimeSpan? timeout = null) =>
        (await Eventually.GetAsync(() => api.StatusAsync(requestId),
            s => s is { } json && json.TryGetProperty("webhook", out var webhook) && webhook.GetProperty("state").GetString() == state,
            $"the callback of {requestId} to be {state}", timeout ?? TimeSpan.FromSeconds(60)))!.Value;
}
