using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Outages;

/// <summary>A stack whose services' consumer watchdogs check every 5 s instead of every 15 s.</summary>
public sealed class WatchdogStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        options.Api["RabbitMq__ConsumerCheckInterval"] = "00:00:05";
        options.Worker["RabbitMq__ConsumerCheckInterval"] = "00:00:05";
    }
}

/// <summary>
/// A queue deleted under the running services, as an operator might by mistake, is declared and consumed again
/// without restarting them. (MassTransit handles this case itself; the watchdog is the net for the reconnects it does
/// not, which the broker-restart case of the fault suite meets.)
/// </summary>
public sealed class ConsumerRecoveryTests(WatchdogStack stack) : IClassFixture<WatchdogStack>
{
    [Fact]
    public async Task The_results_queue_deleted_under_the_Api_is_declared_and_consumed_again()
    {
        Assert.Equal("succeeded", (await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact())).Status());

        await stack.Broker.Management.DeleteQueueAsync("hubspot.request-status");

        await Eventually.TrueAsync(async () =>
            {
                var requestId = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact());
                try
                {
                    return (await stack.ApiClient.WaitForFinalAsync(requestId, TimeSpan.FromSeconds(5))).Status() == "succeeded";
                }
                catch (TimeoutException)
                {
                    return false;
                }
            }, "results to be recorded again", TimeSpan.FromSeconds(90));
        Assert.DoesNotContain(stack.Api.Output, line => line.Contains(ServiceProcess.SupervisorRestartLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_queue_deleted_under_the_Worker_is_declared_and_consumed_again()
    {
        await stack.Broker.Management.DeleteQueueAsync("hubspot.create-tickets");

        var contactId = await stack.CreateContactAsync();
        await Eventually.TrueAsync(async () =>
            {
                using var response = await stack.ApiClient.PostJsonAsync("/api/v1/hubspot/tickets",
                    new { contactId, tickets = new[] { TestData.Ticket($"watchdog {Guid.NewGuid():N}") } });
                // The first send after the deletion finds no queue: 503, and the Api declares it again for the retry.
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return false;
                }
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                var requestId = (await response.JsonAsync()).GetProperty("requestId").GetGuid();
                try
                {
                    return (await stack.ApiClient.WaitForFinalAsync(requestId, TimeSpan.FromSeconds(5))).Status() == "succeeded";
                }
                catch (TimeoutException)
                {
                    return false;
                }
            }, "tickets to be created again", TimeSpan.FromSeconds(90));
        Assert.DoesNotContain(stack.Worker.Output, line => line.Contains(ServiceProcess.SupervisorRestartLine, StringComparison.Ordinal));
    }
}
