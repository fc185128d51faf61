namespace HubSpotCrm.EndToEnd.Tests.Outages;

/// <summary>A stack whose Worker gives a broker operation 3 s instead of 30 s.</summary>
public sealed class StuckPublishStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options) => options.Worker["RabbitMq__OperationTimeout"] = "00:00:03";
}

/// <summary>
/// The stuck bus, forced: the broker stops reading (a memory alarm) while the Worker holds commands and publishes
/// their results, so the publishes never get their confirm, which is what a broker restart does to RabbitMQ.Client 7
/// (rabbitmq-dotnet-client #1930). The bounded publish gives up, the Worker exits with 75 for its supervisor, and the
/// fresh process finishes every command once the broker reads again: nothing lost, nothing written twice.
/// </summary>
public sealed class StuckPublishTests(StuckPublishStack stack) : IClassFixture<StuckPublishStack>
{
    [Fact]
    public async Task A_publish_that_never_gets_its_confirm_restarts_the_Worker_and_every_command_still_completes_once()
    {
        await stack.CreateContactAsync();
        var emails = Enumerable.Range(0, 10).Select(_ => TestData.Email("stuck")).ToList();
        // HubSpot holds the Worker's calls, so the Worker holds the commands until the broker has stopped reading.
        await stack.EmulatorControl.SettingsAsync(new { faults = new { down = "hang" } });
        var requests = await Task.WhenAll(emails.Select(email => stack.ApiClient.SubmitAsync("/api/v1/hubspot/contact", TestData.Contact(email))));
        await Eventually.TrueAsync(async () => await stack.Broker.Management.QueueAsync("hubspot.upsert-contact") is { Ready: 0, Messages: > 0 },
            "the Worker to hold the commands", TimeSpan.FromSeconds(30));

        await BrokerControl.BlockPublishersAsync();
        try
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { down = "off" } });
            await Eventually.TrueAsync(() => Task.FromResult(stack.Worker.Output.Any(line => line.Contains("exited with code 75", StringComparison.Ordinal))),
                "the Worker to exit for its supervisor", TimeSpan.FromSeconds(60));
            Assert.Contains(stack.Worker.Output, line => line.Contains("took longer than 3 s (RabbitMq:OperationTimeout)", StringComparison.Ordinal));
        }
        finally
        {
            await BrokerControl.UnblockPublishersAsync();
            await stack.EmulatorControl.SettingsAsync(new { faults = new { down = "off" } });
        }

        foreach (var request in requests)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(request, TimeSpan.FromSeconds(90))).GetProperty("status").GetString());
        }
        var contacts = await stack.EmulatorControl.ObjectsAsync("contacts");
        foreach (var email in emails)
        {
            Assert.Single(contacts, c => c.Property("email") == email);
        }
    }
}
