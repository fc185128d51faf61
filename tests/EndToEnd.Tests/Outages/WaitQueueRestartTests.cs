using HubSpotCrm.EndToEnd.Tests.Api;
using HubSpotCrm.EndToEnd.Tests.Reliability;

namespace HubSpotCrm.EndToEnd.Tests.Outages;

/// <summary>
/// A command parked in a wait queue survives a broker restart at the moment its delay ends: the wait queues are
/// quorum queues that dead-letter at least once (a classic queue dead-letters at most once), and a wait queue an
/// earlier version left classic is replaced once it is empty.
/// </summary>
public sealed class WaitQueueRestartTests(NeverPausingStack stack) : IClassFixture<NeverPausingStack>
{
    [Fact]
    public async Task The_wait_queues_are_quorum_queues_that_dead_letter_at_least_once()
    {
        await stack.CreateContactAsync();

        foreach (var command in CommandProbe.CommandExchanges)
        {
            var arguments = JsonDocument.Parse((await stack.Broker.Management.QueueAsync(command + "_retry-1s"))!.Arguments).RootElement;
            Assert.Equal("quorum", arguments.GetProperty("x-queue-type").GetString());
            Assert.Equal("at-least-once", arguments.GetProperty("x-dead-letter-strategy").GetString());
            Assert.Equal("reject-publish", arguments.GetProperty("x-overflow").GetString());
            Assert.Equal(command, arguments.GetProperty("x-dead-letter-exchange").GetString());
        }
    }

    [Fact]
    public async Task A_command_whose_delay_ends_while_the_broker_restarts_comes_back_and_succeeds()
    {
        await stack.CreateContactAsync();
        await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = new[] { new { path = "crm/v3/objects/contacts/batch/upsert", status = 503 } } } });
        Guid request;
        try
        {
            // A copy of every forward into the wait queues, counted by the broker: the management API's counts lag by
            // seconds, long enough for the command to go through both wait queues and fail before they show it.
            await using (var waits = await CommandProbe.StartAsync(stack.Broker.AmqpUri, ["hubspot.upsert-contact_retry-1s", "hubspot.upsert-contact_retry-2s"]))
            {
                request = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact());
                await Eventually.TrueAsync(async () => await waits.CountAsync() >= 1, "the command to wait in a wait queue",
                    TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
            }
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });

            // Down for longer than the delay: the command's TTL ends while the node is away, and it dead-letters on the way back.
            await BrokerControl.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            await BrokerControl.StartAsync();
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });
        }

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(request, TimeSpan.FromSeconds(120))).Status());
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    [Fact]
    public async Task A_classic_wait_queue_left_by_an_earlier_version_is_replaced_once_empty_and_kept_while_it_holds_commands()
    {
        await using var vhost = await IsolatedVirtualHost.CreateAsync(stack.Servers);
        await vhost.Management.DeclareQueueAsync("hubspot.upsert-contact_retry-1s", new { x_message_ttl = 1000 });
        await vhost.Management.DeclareQueueAsync("hubspot.upsert-deals_retry-1s", new { x_message_ttl = 600000 });
        await vhost.Management.PublishAsync("", "hubspot.upsert-deals_retry-1s", "{}");
        await using var worker = ExtraWorker.Create(stack, "worker-migration", settings =>
        {
            settings["ASPNETCORE_ENVIRONMENT"] = "Development";
            settings["HubSpot__BaseUrl"] = stack.Emulator.BaseUrl.ToString();
            settings["HubSpot__ClientId"] = ServiceStackOptions.ClientId;
            settings["HubSpot__ClientSecret"] = ServiceStackOptions.ClientSecret;
            settings["HubSpot__RefreshToken"] = ServiceStackOptions.RefreshToken;
            settings["Worker__Retries__Delays__0"] = "00:00:01";
        }, vhost.AmqpUri);

        await worker.StartAsync();

        var replaced = JsonDocument.Parse((await vhost.Management.QueueAsync("hubspot.upsert-contact_retry-1s"))!.Arguments).RootElement;
        Assert.Equal("quorum", replaced.GetProperty("x-queue-type").GetString());
        var kept = JsonDocument.Parse((await vhost.Management.QueueAsync("hubspot.upsert-deals_retry-1s"))!.Arguments).RootElement;
        Assert.False(kept.TryGetProperty("x-queue-type", out _));
        Assert.Contains(worker.Output, line => line.Contains("stays classic", StringComparison.Ordinal));
    }
}
