using System.Diagnostics;
using System.Net.Http.Json;
using HubSpotCrm.EndToEnd.Tests.Batches;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>Delayed retries on the real broker: TTL wait queues that dead-letter back to the command queue, no plugin.</summary>
public sealed class DelayedRetryTests(NeverPausingStack stack) : IClassFixture<NeverPausingStack>
{
    [Fact]
    public async Task The_wait_queues_exist_with_their_delay_and_lead_back_to_the_command_queue()
    {
        await stack.CreateContactAsync();

        var queues = await stack.Broker.Management.QueuesAsync();

        foreach (var (suffix, ttl) in new[] { ("_retry-1s", 1000), ("_retry-2s", 2000) })
        {
            foreach (var command in CommandProbe.CommandExchanges)
            {
                var queue = Assert.Single(queues, q => q.Name == command + suffix);
                var arguments = JsonDocument.Parse(queue.Arguments).RootElement;
                Assert.Equal(ttl, arguments.GetProperty("x-message-ttl").GetInt32());
                Assert.Equal(command, arguments.GetProperty("x-dead-letter-exchange").GetString());
            }
        }
    }

    [Fact]
    public async Task A_command_whose_calls_keep_failing_for_a_while_goes_through_a_wait_queue_then_succeeds()
    {
        await stack.CreateContactAsync();
        await using var waits = await CommandProbe.StartAsync(stack.Broker.AmqpUri, ["hubspot.upsert-contact_retry-1s"]);
        await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 1.0 } });
        Guid request;
        try
        {
            request = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact());
            await Eventually.TrueAsync(async () => await waits.CountAsync() >= 1, "the command to enter the 1 s wait queue", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 0.0 } });
        }

        var status = await stack.ApiClient.WaitForFinalAsync(request);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    [Fact]
    public async Task After_the_last_wait_queue_the_command_goes_to_error_with_its_reason_and_fails_and_redrive_brings_it_back()
    {
        await stack.CreateContactAsync();
        var email = TestData.Email("exhausted");
        await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 1.0 } });
        JsonElement status;
        try
        {
            var request = await stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact(email));
            status = await stack.ApiClient.WaitForFinalAsync(request);
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 0.0 } });
        }

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("retries_exhausted", status.GetProperty("error").GetProperty("code").GetString());
        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync("hubspot.upsert-contact_error"),
            messages => messages.Any(m => m.Payload.Contains(email, StringComparison.Ordinal)), "the command in hubspot.upsert-contact_error");
        var message = parked.Single(m => m.Payload.Contains(email, StringComparison.Ordinal));
        Assert.Contains("HubSpot kept failing after 2 delayed retries", message.Header("MT-Fault-Message"));

        var redrive = await RunRedriveAsync("hubspot.upsert-contact");

        Assert.Contains("Moved 1 message(s)", redrive);
        await Eventually.TrueAsync(async () => (await stack.EmulatorControl.ObjectsAsync("contacts")).Any(c => c.Property("email") == email),
            "the redriven command to reach HubSpot");
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    [Fact]
    public async Task A_bulk_message_that_keeps_failing_fails_every_contact_in_it_and_redrive_brings_them_all_back()
    {
        await stack.CreateContactAsync();
        var emails = Enumerable.Range(0, 3).Select(i => TestData.Email($"bulk-exhausted{i}")).ToList();
        await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 1.0 } });
        JsonElement batch;
        Guid batchId;
        try
        {
            using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, emails.Select(e => TestData.Contact(e)));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            batchId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetGuid();
            batch = await stack.ApiClient.WaitForCompletedAsync(batchId);
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { errorRate = 0.0 } });
        }

        Assert.Equal(3, batch.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.All(await stack.ApiClient.ItemsAsync(batchId), item =>
            Assert.Equal("retries_exhausted", item.GetProperty("request").GetProperty("error").GetProperty("code").GetString()));
        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync("hubspot.upsert-contacts_error"),
            messages => messages.Any(m => emails.All(e => m.Payload.Contains(e, StringComparison.Ordinal))), "the three contacts' one message in hubspot.upsert-contacts_error");
        Assert.Contains("HubSpot kept failing after 2 delayed retries",
            parked.Single(m => m.Payload.Contains(emails[0], StringComparison.Ordinal)).Header("MT-Fault-Message"));

        var redrive = await RunRedriveAsync("hubspot.upsert-contacts");

        Assert.Contains("Moved 1 message(s)", redrive);
        await Eventually.TrueAsync(async () => (await stack.EmulatorControl.ObjectsAsync("contacts")).Count(c => c.Property("email") is { } email && emails.Contains(email)) == 3,
            "the redriven contacts to reach HubSpot");
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    private async Task<string> RunRedriveAsync(string queue)
    {
        var start = new ProcessStartInfo("dotnet", [Repository.ServiceDll("HubSpotCrm.Worker"), "redrive", queue])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Repository.ServiceDll("HubSpotCrm.Worker"))!,
        };
        start.Environment["RabbitMq__Uri"] = stack.Broker.AmqpUri.ToString();
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"redrive exited with {process.ExitCode}: {error}{output}");
        return output;
    }
}
