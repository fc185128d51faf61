namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// A retry whose body writes a number differently (1500, 1500.0, 1.5e3), as another JSON library or a re-serialized
/// float would, is the same submission: the same request, one deal in HubSpot.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class IdempotentNumberTests(ServiceStack stack)
{
    [Fact]
    public async Task Retries_that_spell_the_amount_differently_are_the_first_request_and_make_one_deal()
    {
        var contactId = await stack.CreateContactAsync();
        var dealname = TestData.Unique("Spelled");
        var key = Guid.NewGuid().ToString();
        string Body(string amount) =>
            $$"""{"contactId":"{{contactId}}","deals":[{"dealname":"{{dealname}}","amount":{{amount}},"dealstage":"appointmentscheduled"}]}""";

        using var first = await stack.ApiClient.PostJsonTextAsync(ApiCalls.Deals, Body("1500"), key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var requestId = (await first.JsonAsync()).RequestId();
        foreach (var amount in new[] { "1500.0", "1.5e3", "15E2" })
        {
            using var retry = await stack.ApiClient.PostJsonTextAsync(ApiCalls.Deals, Body(amount), key);
            var answer = await retry.Content.ReadAsStringAsync();
            Assert.True(retry.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"amount {amount}: {(int)retry.StatusCode} {answer}");
            Assert.Equal(requestId, JsonDocument.Parse(answer).RootElement.RequestId());
            Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        }

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("deals"), d => d.Property("dealname") == dealname);
    }
}
