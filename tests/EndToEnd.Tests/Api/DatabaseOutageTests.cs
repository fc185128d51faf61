using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// PostgreSQL stops under a running stack: the Api says so (503, not ready), result events wait instead of landing
/// in the error queue, and everything recovers when PostgreSQL is back, without restarting the Api.
/// </summary>
public sealed class DatabaseOutageTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string ErrorQueue = "hubspot.request-status_error";

    [Fact]
    public async Task The_Api_answers_503_while_PostgreSQL_is_down_keeps_the_results_and_recovers_without_a_restart()
    {
        var before = await stack.ApiClient.SubmitAndWaitAsync(ApiCalls.Contact, TestData.Contact());
        var busRequestId = Guid.NewGuid();
        var email = TestData.Email("outage");

        await PostgresControl.StopAsync();
        try
        {
            using var notReady = await Eventually.GetAsync(() => stack.ApiClient.Http.GetAsync("/health/ready"),
                r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to fail", TimeSpan.FromSeconds(30));
            Assert.Equal("Unhealthy", (await notReady.JsonAsync()).GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

            var clock = Stopwatch.StartNew();
            using var submit = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), Guid.NewGuid().ToString());
            await AssertUnavailableAsync(submit, "the request was not accepted");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
            using var status = await stack.ApiClient.GetStatusAsync(before.RequestId());
            await AssertUnavailableAsync(status, "database");
            using var list = await stack.ApiClient.Http.GetAsync("/api/v1/requests");
            await AssertUnavailableAsync(list, "database");

            // A command from another service goes straight to the broker; the Worker carries it out and publishes its
            // result, which the Api cannot record yet.
            await stack.Broker.Management.PublishAsync("hubspot.upsert-contact", "", JsonSerializer.Serialize(new
            {
                requestId = busRequestId,
                email,
                properties = new { firstname = "Out", lastname = "Age", phone = "555-0199" },
            }, JsonSerializerOptions.Web));
            await Eventually.TrueAsync(async () => (await stack.EmulatorControl.ObjectsAsync("contacts")).Any(c => c.Property("email") == email),
                "the Worker to create the contact", TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(async () => (await stack.Broker.Management.QueueAsync("hubspot.request-status"))?.Messages > 0,
                "the result event to wait in the Api's queue", TimeSpan.FromSeconds(30));

            // Longer than quick retries would last: the result must keep waiting, not go to the error queue.
            var holding = Stopwatch.StartNew();
            while (holding.Elapsed < TimeSpan.FromSeconds(20))
            {
                Assert.Equal(0, (await stack.Broker.Management.QueueAsync(ErrorQueue))?.Messages ?? 0);
                Assert.True((await stack.Broker.Management.QueueAsync("hubspot.request-status"))?.Messages > 0, "the result left the queue");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            await PostgresControl.StartAsync();
        }

        var recorded = await Eventually.GetAsync(() => stack.ApiClient.GetStatusAsync(busRequestId),
            r => r.StatusCode == HttpStatusCode.OK, "the result from the outage to be recorded", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        var result = await recorded.JsonAsync();
        Assert.Equal("succeeded", result.Status());
        Assert.Equal(email, result.GetProperty("result").GetProperty("email").GetString());
        Assert.Equal(0, (await stack.Broker.Management.QueueAsync(ErrorQueue))?.Messages ?? 0);

        await stack.Api.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        using var accepted = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Eventually.TrueAsync(async () => await probe.CountAsync() == 1, "the command to be published", TimeSpan.FromSeconds(10));
        Assert.NotNull(await stack.ApiClient.StatusAsync((await accepted.JsonAsync()).RequestId()));
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string detail)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }
}
