using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// RabbitMQ stops under a running stack: the Api and the Worker turn not ready, the Api refuses submits fast and reads
/// go on; then both recover by themselves.
/// </summary>
public sealed class BrokerReadinessTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task Without_the_broker_the_Api_and_the_Worker_are_not_ready_submits_are_503_within_2_seconds_and_both_recover()
    {
        using var worker = new HttpClient { BaseAddress = stack.Worker.BaseUrl };
        var before = await stack.ApiClient.SubmitAndWaitAsync(ApiCalls.Contact, TestData.Contact());
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();

        await BrokerControl.StopAsync();
        try
        {
            using var notReady = await Eventually.GetAsync(() => stack.ApiClient.Http.GetAsync("/health/ready"),
                r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to fail", TimeSpan.FromSeconds(30));
            Assert.Equal("Unhealthy", (await notReady.JsonAsync()).GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
            using var workerNotReady = await Eventually.GetAsync(() => worker.GetAsync("/health/ready"),
                r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "the Worker's readiness to fail", TimeSpan.FromSeconds(30));
            Assert.Equal("Unhealthy", (await workerNotReady.JsonAsync()).GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
            var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

            foreach (var idempotencyKey in new[] { key, null })
            {
                var clock = Stopwatch.StartNew();
                using var response = await stack.ApiClient.PostAsync(ApiCalls.Contact, body, idempotencyKey);
                clock.Stop();

                var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"answered after {clock.Elapsed}");
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("message broker", problem.GetProperty("detail").GetString());
            }
            Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
            Assert.Equal(0L, await stack.Database.ScalarAsync<long>($"SELECT count(*) FROM idempotency_keys WHERE key = '{key}'"));

            var status = await stack.ApiClient.StatusAsync(before.RequestId());
            Assert.Equal("succeeded", status!.Value.Status());
        }
        finally
        {
            await BrokerControl.StartAsync();
        }

        // Recovery: both ready again, and the submission refused during the outage, retried with the same key, is
        // published once and written.
        await stack.Api.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await stack.Worker.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var accepted = await Eventually.GetAsync(() => stack.ApiClient.PostAsync(ApiCalls.Contact, body, key),
            r => r.StatusCode == HttpStatusCode.Accepted, "the Api to accept the retried submission", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        Assert.Null(accepted.Header("Idempotent-Replayed"));
        await Eventually.TrueAsync(async () => await probe.CountAsync() == 1, "the command to be published", TimeSpan.FromSeconds(10));
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync((await accepted.JsonAsync()).RequestId(), TimeSpan.FromSeconds(90))).Status());
    }
}
