using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Outages;

public sealed class BrokerOutageTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task With_the_broker_stopped_a_submit_is_503_within_seconds_and_nothing_stays_accepted_then_the_service_recovers()
    {
        await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact());
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        await BrokerControl.StopAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await stack.ApiClient.PostJsonAsync("/api/v1/hubspot/contact", TestData.Contact());
            clock.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        }
        finally
        {
            await BrokerControl.StartAsync();
        }

        var recovered = await Eventually.GetAsync(
            async () => (await stack.ApiClient.PostJsonAsync("/api/v1/hubspot/contact", TestData.Contact())),
            r => r.StatusCode == HttpStatusCode.Accepted, "the Api to accept again", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        var requestId = JsonDocument.Parse(await recovered.Content.ReadAsStringAsync()).RootElement.GetProperty("requestId").GetGuid();
        var status = await stack.ApiClient.WaitForFinalAsync(requestId, TimeSpan.FromSeconds(90));
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
    }
}
