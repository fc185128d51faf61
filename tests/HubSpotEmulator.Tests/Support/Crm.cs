using System.Net;
using System.Text.Json;

namespace HubSpotEmulator.Tests.Support;

/// <summary>Short-hands for the calls most tests need as set-up.</summary>
public static class Crm
{
    public static async Task<string> CreateAsync(this HttpClient client, string type, string propertiesJson, string associationsJson = "[]")
    {
        var body = await client.PostJsonAsync($"/crm/v3/objects/{type}", $$"""{"properties":{{propertiesJson}},"associations":{{associationsJson}}}""")
            .ExpectAsync(HttpStatusCode.Created);
        return body.Str("id");
    }

    /// <param name="extra">More properties as <c>name=value</c>.</param>
    public static Task<string> CreateContactAsync(this HttpClient client, string email, params string[] extra) =>
        client.CreateAsync("contacts", Properties(["email=" + email, .. extra]));

    public static Task<string> CreateDealAsync(this HttpClient client, string name = "Deal", params string[] extra) =>
        client.CreateAsync("deals", Properties(["dealname=" + name, "dealstage=appointmentscheduled", .. extra]));

    public static Task<string> CreateTicketAsync(this HttpClient client, string subject = "Ticket", params string[] extra) =>
        client.CreateAsync("tickets", Properties(["subject=" + subject, "hs_pipeline_stage=1", .. extra]));

    public static Task<string> CreateCompanyAsync(this HttpClient client, string name = "Company", params string[] extra) =>
        client.CreateAsync("companies", Properties(["name=" + name, .. extra]));

    /// <summary>A properties object from <c>name=value</c> pairs (later pairs win).</summary>
    public static string Properties(params string[] pairs)
    {
        var map = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            map[pair[..at]] = pair[(at + 1)..];
        }

        return JsonSerializer.Serialize(map);
    }

    public static async Task<JsonElement> SearchAsync(this HttpClient client, string type, string requestJson) =>
        await client.PostJsonAsync($"/crm/v3/objects/{type}/search", requestJson).ExpectAsync(HttpStatusCode.OK);

    public static string[] Ids(this JsonElement response) =>
        [.. response.GetProperty("results").EnumerateArray().Select(r => r.Str("id"))];

    public static async Task PutSettingsAsync(this HttpClient client, string json) =>
        await client.PutJsonAsync("/_emulator/settings", json).ExpectAsync(HttpStatusCode.OK);

    public static async Task<string> AccessTokenAsync(this HttpClient client, string refreshToken = "demo-refresh-token")
    {
        var body = await client.RefreshAsync(refreshToken).ExpectAsync(HttpStatusCode.OK);
        return body.Str("access_token");
    }

    public static Task<HttpResponseMessage> RefreshAsync(
        this HttpClient client,
        string refreshToken = "demo-refresh-token",
        string clientId = "demo-client-id",
        string clientSecret = "demo-client-secret") =>
        client.PostAsync(
            new Uri("/oauth/v1/token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["refresh_token"] = refreshToken,
            }));
}
