using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Reliability;

namespace HubSpotCrm.EndToEnd.Tests.FaultSuite;

/// <summary>
/// Faults on real processes — the broker, the database, the emulator, the Worker and the Api — under load: every
/// accepted request ends succeeded, and HubSpot holds exactly one object per intended object.
/// </summary>
public sealed class FaultSuiteTests(ReliabilityStack stack) : IClassFixture<ReliabilityStack>
{
    private static readonly TimeSpan Completion = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_Worker_killed_with_SIGKILL_mid_load_and_restarted_loses_nothing_and_writes_nothing_twice()
    {
        var load = await MixedLoad.PrepareAsync(stack, contacts: 50);
        var before = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests WHERE status = 'succeeded'");

        var submitting = load.SubmitAsync(0, 2000);
        await Eventually.TrueAsync(async () => await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests WHERE status = 'succeeded'") > before + 300,
            "a part of the load to be done", Completion);
        await stack.Worker.KillAsync();
        await stack.Worker.StartAsync();
        await submitting;

        Assert.Equal(2000, load.Requests.Count);
        await load.AssertAllSucceededAsync(Completion);
        await load.AssertExactlyOnceAsync();
    }

    /// <summary>
    /// The callers behave as the 503 asks: they retry the same submission with the same Idempotency-Key until it is
    /// accepted. A 503 can hide a command that reached the broker as it went down; the key makes the retry that
    /// request, so HubSpot still ends with exactly one object per submission. The Api may also restart after the outage:
    /// in one CI run its consumer watchdog found the results queue without a consumer for two checks while MassTransit
    /// called the bus healthy, and exited for its supervisor (here the test's) to start it again. The callers and the
    /// polls retry a refused connection as clients of a restarting service do, and only that restart may refuse them.
    /// </summary>
    [Fact]
    public async Task RabbitMQ_stopped_and_started_mid_load_answers_503_meanwhile_and_loses_no_accepted_request()
    {
        var load = await MixedLoad.PrepareAsync(stack, contacts: 20);
        var unavailable = 0;
        var refused = 0;
        var unexpected = new List<string>();
        var next = -1;
        using var stop = new CancellationTokenSource();
        using var giveUp = new CancellationTokenSource(Completion);

        var callers = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var (route, body) = load.Submission(i);
                var key = $"{load.ContactIds[0]}-{i}-{Guid.NewGuid():N}";
                while (!giveUp.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await stack.ApiClient.PostJsonTextAsync(route, JsonSerializer.Serialize(body), key);
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                        {
                            Interlocked.Increment(ref unavailable);
                            Assert.NotNull(response.Headers.RetryAfter);
                            await Task.Delay(200);
                            continue;
                        }
                        // 200: the retry found the request already final, its first attempt having got through after all.
                        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                        {
                            load.Accepted(i, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("requestId").GetGuid());
                        }
                        else
                        {
                            var text = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                            lock (unexpected)
                            {
                                unexpected.Add(text);
                            }
                        }
                    }
                    catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(200);
                        continue;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        lock (unexpected)
                        {
                            unexpected.Add(exception.Message);
                        }
                    }
                    break;
                }
            }
        }));

        await Eventually.TrueAsync(() => Task.FromResult(load.Requests.Count >= 100), "the load to be under way", TimeSpan.FromSeconds(20));
        await BrokerControl.StopAsync();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref unavailable) >= 5), "callers to get 503s during the outage", TimeSpan.FromSeconds(20));
        }
        finally
        {
            await BrokerControl.StartAsync();
            // A few seconds of load on the recovered broker show the recovery; the 400 submissions a second after it
            // would only give the Worker more to finish (25 s of load took 80 s more to end).
            stop.CancelAfter(TimeSpan.FromSeconds(3));
        }
        await callers;

        Assert.Empty(unexpected);
        Assert.True(unavailable >= 5);
        Assert.Equal(next + 1, load.Requests.Count);
        await load.AssertAllSucceededAsync(Completion);
        await load.AssertExactlyOnceAsync();
        Assert.True(refused == 0 || stack.Api.Output.Any(line => line.Contains(ServiceProcess.SupervisorRestartLine, StringComparison.Ordinal)),
            $"{refused} submissions met a refused connection without the Api restarting under its supervisor");
    }

    [Fact]
    public async Task Ten_percent_server_errors_429_bursts_latency_spikes_and_a_revoked_token_still_end_in_exactly_one_write_each()
    {
        var load = await MixedLoad.PrepareAsync(stack, contacts: 20);
        await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 0.1, latencyMs = 30, jitterMs = 250 } });
        try
        {
            var submitting = load.SubmitAsync(0, 600);
            await stack.EmulatorControl.RateLimitBurstAsync(20);
            await Eventually.TrueAsync(async () => (await stack.EmulatorControl.StatsAsync()).Http429 >= 20, "the 429 burst to be answered", Completion);
            await stack.EmulatorControl.RevokeTokensAsync(accessTokens: true, refreshToken: true);
            var refused = (await stack.EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token", 400);
            await Eventually.TrueAsync(async () => (await stack.EmulatorControl.StatsAsync()).Calls("POST /oauth/v1/token", 400) > refused + 2,
                "the Worker to meet the revoked token", Completion);
            await stack.EmulatorControl.RestoreTokensAsync();
            await submitting;

            await load.AssertAllSucceededAsync(Completion);
        }
        finally
        {
            await stack.EmulatorControl.RestoreTokensAsync();
            await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 0.0, latencyMs = 0, jitterMs = 0 } });
        }
        await load.AssertExactlyOnceAsync();
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }
}
