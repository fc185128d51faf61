namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>What an operator finds in the Api's log about one request, and what it never finds there.</summary>
[Collection(StackCollection.Name)]
public sealed class LoggingTests(ServiceStack stack)
{
    [Fact]
    public async Task Every_line_about_a_request_carries_its_id_and_no_line_carries_an_API_key()
    {
        var requestId = await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact());
        await stack.ApiClient.WaitForFinalAsync(requestId);
        var tagged = $"\"RequestId\": \"{requestId}\"";

        await Eventually.TrueAsync(() => Task.FromResult(
                Lines().Any(l => l.Contains("Accepted contact request", StringComparison.Ordinal) && l.Contains(tagged, StringComparison.Ordinal))
                && Lines().Any(l => l.Contains("HTTP POST /api/v1/hubspot/contact responded 202", StringComparison.Ordinal) && l.Contains(tagged, StringComparison.Ordinal))
                && Lines().Any(l => l.Contains($"HTTP GET /api/v1/requests/{requestId} responded 200", StringComparison.Ordinal) && l.Contains(tagged, StringComparison.Ordinal))),
            "the Api's log lines about the request, tagged with its id", TimeSpan.FromSeconds(10));

        Assert.DoesNotContain(Lines(), l => l.Contains(ServiceStackOptions.ApiKey, StringComparison.Ordinal)
                                            || l.Contains(ServiceStackOptions.OtherApiKey, StringComparison.Ordinal));
        Assert.Contains(Lines(), l => l.Contains($"\"Client\": \"{ServiceStackOptions.ApiClientName}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_sent_wrongly_are_never_logged_and_a_refusal_names_no_client()
    {
        var key = ServiceStackOptions.ApiKey;
        var other = ServiceStackOptions.OtherApiKey;
        foreach (var headers in new[]
                 {
                     [$"Authorization: Bearer {key}"], [$"Api-Key: {key}"], [$"X-Api-Key: {key}", $"X-Api-Key: {other}"], [$"X-Api-Key: {key}, {other}"],
                     [$"X-Api-Key: {key}{new string('k', 300)}"], [$"X-Api-Key: {key[..^1]}"], new[] { $"X-Api-Key: {other}x" },
                 })
        {
            Assert.Equal(401, (await Security.RawHttp.SendAsync(stack.Api.BaseUrl, "GET", "/api/v1/requests", headers)).Status);
        }

        await Eventually.TrueAsync(() => Task.FromResult(Lines().Count(l => l.Contains("HTTP GET /api/v1/requests responded 401", StringComparison.Ordinal)) >= 7),
            "the request-log lines of the refused calls", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(Lines(), l => l.Contains(key, StringComparison.Ordinal) || l.Contains(other, StringComparison.Ordinal)
                                            || l.Contains(key[..^1], StringComparison.Ordinal) || l.Contains("kkkk", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(), l => l.Contains("responded 401", StringComparison.Ordinal) && l.Contains("\"Client\"", StringComparison.Ordinal));
    }

    private List<string> Lines() => [.. stack.Api.Output];
}
