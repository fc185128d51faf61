using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// Requests belong to the client that submitted them, or that a bus command named: another client's request is a
/// 404 no different from an unknown id, lists show a client its own, and operators see everything.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RequestOwnershipTests(ServiceStack stack)
{
    [Fact]
    public async Task Another_clients_request_is_a_404_indistinguishable_from_an_unknown_id_and_an_operator_sees_it()
    {
        using var owner = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);
        using var stranger = stack.ApiClient.WithApiKey(ServiceStackOptions.ThirdApiKey);
        var request = await owner.SubmitAsync(ApiCalls.Contact, TestData.Contact());
        Assert.Equal("succeeded", (await owner.WaitForFinalAsync(request)).Status());

        var unknown = Guid.NewGuid();
        foreach (var prefer in new string?[] { null, "wait=2" })
        {
            var (theirs, theirsBody) = await GetAsync(stranger, request, prefer);
            var (missing, missingBody) = await GetAsync(stranger, unknown, prefer);
            Assert.Equal(HttpStatusCode.NotFound, theirs);
            Assert.Equal(HttpStatusCode.NotFound, missing);
            Assert.Equal(missingBody.Replace(unknown.ToString(), "<id>", StringComparison.Ordinal),
                theirsBody.Replace(request.ToString(), "<id>", StringComparison.Ordinal));
        }
        Assert.Equal("succeeded", (await stack.ApiClient.StatusAsync(request))!.Value.Status());
    }

    [Fact]
    public async Task The_request_list_shows_a_client_only_its_own_requests_and_an_operator_every_one()
    {
        using var other = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);
        using var third = stack.ApiClient.WithApiKey(ServiceStackOptions.ThirdApiKey);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var others = await other.SubmitAsync(ApiCalls.Contact, TestData.Contact());
        var thirds = await third.SubmitAsync(ApiCalls.Contact, TestData.Contact());

        var otherSees = await ListedAsync(other, since);
        var thirdSees = await ListedAsync(third, since);
        var operatorSees = await ListedAsync(stack.ApiClient, since);

        Assert.Contains(others, otherSees);
        Assert.DoesNotContain(thirds, otherSees);
        Assert.Contains(thirds, thirdSees);
        Assert.DoesNotContain(others, thirdSees);
        Assert.Contains(others, operatorSees);
        Assert.Contains(thirds, operatorSees);
    }

    [Fact]
    public async Task A_bus_command_naming_its_client_belongs_to_that_client_and_one_naming_none_to_operators_only()
    {
        using var named = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);
        using var stranger = stack.ApiClient.WithApiKey(ServiceStackOptions.ThirdApiKey);
        var withClient = await PublishContactAsync(ServiceStackOptions.OtherApiClientName);
        var withoutClient = await PublishContactAsync(client: null);

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(withClient)).Status());
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(withoutClient)).Status());
        Assert.Equal("bus", (await named.StatusAsync(withClient))!.Value.GetProperty("source").GetString());
        Assert.Null(await stranger.StatusAsync(withClient));
        Assert.Null(await named.StatusAsync(withoutClient));
        Assert.Null(await stranger.StatusAsync(withoutClient));
    }

    [Fact]
    public async Task A_bus_command_whose_client_header_is_not_a_client_name_is_refused_naming_the_header()
    {
        var request = await PublishContactAsync("not a client!");

        var status = await stack.ApiClient.WaitForFinalAsync(request);

        Assert.Equal("failed", status.Status());
        Assert.Equal("invalid_command", status.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("HubSpotCrm-Client", status.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<Guid> PublishContactAsync(string? client)
    {
        var requestId = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new { requestId, email = TestData.Email("bus-owner"), properties = new { firstname = "Bus" } });
        await stack.Broker.Management.PublishAsync("hubspot.upsert-contact", "", body,
            client is null ? null : new Dictionary<string, object> { ["HubSpotCrm-Client"] = client });
        return requestId;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ApiClient client, Guid id, string? prefer)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{id}");
        if (prefer is not null)
        {
            message.Headers.Add("Prefer", prefer);
        }
        using var response = await client.Http.SendAsync(message);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        // A trace id tells requests apart, not whether the request exists.
        body.Remove("traceId");
        return (response.StatusCode, body.ToJsonString());
    }

    private static async Task<List<Guid>> ListedAsync(ApiClient client, DateTimeOffset since)
    {
        var page = await client.Http.GetFromJsonAsync<JsonElement>($"/api/v1/requests?since={Uri.EscapeDataString(since.ToString("O"))}&limit=500");
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid())];
    }
}
