using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// A value PostgreSQL refuses (U+0000: jsonb cannot hold it) in one result never holds back the results recorded with
/// it: the Worker refuses such a command with a readable reason, and the Api records every other result of a batch
/// and gives an event it cannot store a final status of its own. The Api is stopped while the results are produced,
/// so that it finds them all waiting and records them as one batch, as it does under load.
/// </summary>
public sealed class UnrecordableResultTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string StatusQueue = "hubspot.request-status";
    private const string StatusErrorQueue = "hubspot.request-status_error";

    [Fact]
    public async Task A_contact_command_whose_email_holds_NUL_fails_readably_and_the_commands_published_with_it_succeed()
    {
        var valid = Enumerable.Range(0, 20).Select(_ => (Id: Guid.NewGuid(), Email: TestData.Email("batch"))).ToList();
        var misspelled = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var nul = Guid.NewGuid();
        var nulEmail = $"nul\0{Guid.NewGuid():N}@example.com";
        var bodies = valid.Select(c => Command(c.Id, c.Email))
            .Concat(misspelled.Select(id => JsonSerializer.Serialize(new { requestId = id, emial = TestData.Email("typo") }, JsonSerializerOptions.Web)))
            .Append(Command(nul, nulEmail))
            .ToList();

        await WhileTheApiIsStoppedAsync(bodies.Count, () => RawBus.PublishAsync(stack.Broker.AmqpUri, "hubspot.upsert-contact", bodies));

        var failed = await stack.ApiClient.WaitForFinalAsync(nul);
        Assert.Equal("failed", failed.Status());
        AssertReadable(failed.GetProperty("error").GetProperty("message").GetString(), mentions: "email");
        Assert.Equal("invalid_command", failed.GetProperty("error").GetProperty("code").GetString());
        foreach (var (id, email) in valid)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(id, TimeSpan.FromSeconds(10));
            Assert.Equal("succeeded", status.Status());
            Assert.Equal(email, status.GetProperty("result").GetProperty("email").GetString());
        }
        foreach (var id in misspelled)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(id, TimeSpan.FromSeconds(10));
            Assert.Equal("failed", status.Status());
            AssertReadable(status.GetProperty("error").GetProperty("message").GetString(), mentions: "emial");
        }
        Assert.DoesNotContain(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email")?.Contains('\0') == true);
        Assert.Equal(0, (await stack.Broker.Management.QueueAsync(StatusErrorQueue))?.Messages ?? 0);
    }

    [Fact]
    public async Task Result_events_holding_NUL_get_a_final_status_of_their_own_and_the_events_beside_them_are_recorded()
    {
        // Forged, or from an older Worker that did not refuse the text: the Api must defend itself.
        var upserted = Enumerable.Range(0, 20).Select(_ => (Id: Guid.NewGuid(), Email: TestData.Email("event"))).ToList();
        var failed = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var nulUpserted = Guid.NewGuid();
        var nulFailed = Guid.NewGuid();
        var contactEvents = upserted.Select(c => ContactUpserted(c.Id, c.Email))
            .Append(ContactUpserted(nulUpserted, $"nul\0{Guid.NewGuid():N}@example.com"))
            .ToList();
        var failureEvents = failed.Select(id => CommandFailed(id, "HubSpot said no."))
            .Append(CommandFailed(nulFailed, "Property values were not valid: 'a\0b'"))
            .ToList();

        await WhileTheApiIsStoppedAsync(contactEvents.Count + failureEvents.Count, async () =>
        {
            await RawBus.PublishAsync(stack.Broker.AmqpUri, "hubspot.contact-upserted", contactEvents, RawBus.MassTransitEnvelope);
            await RawBus.PublishAsync(stack.Broker.AmqpUri, "hubspot.command-failed", failureEvents, RawBus.MassTransitEnvelope);
        });

        foreach (var id in new[] { nulUpserted, nulFailed })
        {
            var status = await stack.ApiClient.WaitForFinalAsync(id);
            Assert.Equal("failed", status.Status());
            Assert.Equal("unrecordable_result", status.GetProperty("error").GetProperty("code").GetString());
            AssertReadable(status.GetProperty("error").GetProperty("message").GetString(), mentions: "could not be stored");
        }
        foreach (var (id, email) in upserted)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(id, TimeSpan.FromSeconds(10));
            Assert.Equal("succeeded", status.Status());
            Assert.Equal(email, status.GetProperty("result").GetProperty("email").GetString());
        }
        foreach (var id in failed)
        {
            var status = await stack.ApiClient.WaitForFinalAsync(id, TimeSpan.FromSeconds(10));
            Assert.Equal("failed", status.Status());
            Assert.Equal("HubSpot said no.", status.GetProperty("error").GetProperty("message").GetString());
        }
        Assert.Equal(0, (await stack.Broker.Management.QueueAsync(StatusErrorQueue))?.Messages ?? 0);
    }

    /// <summary>Stops the Api, lets <paramref name="produce"/> put <paramref name="results"/> result events in its queue, starts it again.</summary>
    private async Task WhileTheApiIsStoppedAsync(int results, Func<Task> produce)
    {
        await stack.Api.KillAsync();
        try
        {
            await produce();
            await Eventually.TrueAsync(async () => (await stack.Broker.Management.QueueAsync(StatusQueue))?.Messages >= results,
                $"{results} result events waiting in {StatusQueue}", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stack.Api.StartAsync();
        }
    }

    private static void AssertReadable(string? message, string mentions)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain(message, char.IsControl);
        Assert.Contains(mentions, message, StringComparison.OrdinalIgnoreCase);
    }

    private static string Command(Guid requestId, string email) => JsonSerializer.Serialize(new
    {
        requestId,
        email,
        properties = new { firstname = "Batch", lastname = "Mate" },
    }, JsonSerializerOptions.Web);

    private static string ContactUpserted(Guid requestId, string email) =>
        RawBus.Envelope("ContactUpserted", new { requestId, contactId = "100000001", email, created = true });

    private static string CommandFailed(Guid requestId, string message) =>
        RawBus.Envelope("CommandFailed", new { requestId, command = "upsert-deals", code = "hubspot_rejected", message });
}
