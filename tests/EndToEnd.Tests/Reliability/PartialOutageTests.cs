using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Reliability;

/// <summary>
/// HubSpot failing one kind of write while the others work pauses that kind only: its commands wait in their queue
/// instead of burning through the wait queues into failures, the rest keeps flowing, and a 403 (a missing scope) is a
/// credentials problem that pauses, never bad input.
/// </summary>
public sealed class PartialOutageTests(ReliabilityStack stack) : IClassFixture<ReliabilityStack>
{
    /// <summary>Longer than the stack's wait queues together (1 s + 2 s) with their in-process retries, many times over.</summary>
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Deal_writes_answering_503_pause_deals_only_while_contacts_flow_and_no_deal_request_fails()
    {
        var contactId = await stack.CreateContactAsync();
        await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = new[] { new { path = "crm/v3/objects/deals/batch/*", status = 503 } } } });
        List<Guid> deals;
        try
        {
            var outageEnds = DateTime.UtcNow + OutageLength;
            deals = [.. await Task.WhenAll(Enumerable.Range(0, 6).Select(i => stack.ApiClient.SubmitAsync("/api/v1/hubspot/deals",
                new { contactId, deals = new[] { TestData.Deal(TestData.Unique($"Outage {i}")) } })))];

            var readiness = await WaitForPauseAsync("hubspot.upsert-deals");
            Assert.Contains("Outage", readiness, StringComparison.Ordinal);
            Assert.DoesNotContain("hubspot.upsert-contact ", readiness, StringComparison.Ordinal);
            while (DateTime.UtcNow < outageEnds)
            {
                // Contacts keep flowing while deals are paused.
                Assert.Equal("succeeded", (await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact(), TimeSpan.FromSeconds(20))).Status());
                await Eventually.HoldsAsync(() => AllAcceptedAsync(deals), "the deal requests to stay accepted", TimeSpan.FromSeconds(2));
            }
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });
        }

        foreach (var deal in deals)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(deal, TimeSpan.FromSeconds(60))).Status());
        }
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    [Fact]
    public async Task A_missing_scope_for_deal_writes_pauses_deals_with_the_reason_and_is_not_treated_as_bad_input()
    {
        var contactId = await stack.CreateContactAsync();
        await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = new[] { new { path = "crm/v3/objects/deals/batch/create", status = 403 } } } });
        List<Guid> deals;
        long refusedCalls;
        try
        {
            deals = [.. await Task.WhenAll(Enumerable.Range(0, 8).Select(i => stack.ApiClient.SubmitAsync("/api/v1/hubspot/deals",
                new { contactId, deals = new[] { TestData.Deal(TestData.Unique($"Scope {i}")), TestData.Deal(TestData.Unique($"Scope {i}b")) } })))];

            var readiness = await WaitForPauseAsync("hubspot.upsert-deals");
            Assert.Contains("crm.objects.deals.write", readiness, StringComparison.Ordinal);
            Assert.Equal("succeeded", (await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact(), TimeSpan.FromSeconds(20))).Status());
            await Eventually.HoldsAsync(() => AllAcceptedAsync(deals), "the deal requests to stay accepted", TimeSpan.FromSeconds(3));
            // Not isolated input by input (2N-1 calls): the first refusal pauses, then only the probe asks again.
            refusedCalls = (await stack.EmulatorControl.StatsAsync()).Calls("POST /crm/v3/objects/deals/batch/create", 403);
            Assert.InRange(refusedCalls, 1, 12);
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });
        }

        foreach (var deal in deals)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(deal, TimeSpan.FromSeconds(60))).Status());
        }
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    [Theory]
    [InlineData("crm/v3/objects/contacts/batch/read")]
    [InlineData("crm/v4/associations/*")]
    public async Task A_403_from_the_contact_check_or_an_association_read_pauses_instead_of_dead_lettering(string path)
    {
        var contactId = await stack.CreateContactAsync();
        await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = new[] { new { path, status = 403 } } } });
        List<Guid> requests;
        try
        {
            requests =
            [
                await stack.ApiClient.SubmitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(TestData.Unique("Check")) } }),
                await stack.ApiClient.SubmitAsync("/api/v1/hubspot/tickets", new { contactId, tickets = new[] { TestData.Ticket(TestData.Unique("Check")) } }),
            ];
            await WaitForPauseAsync("MISSING_SCOPES");
            await Eventually.HoldsAsync(async () => await AllAcceptedAsync(requests) && await stack.DeadLetteredAsync() == 0,
                "the requests to stay accepted and out of _error", TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stack.EmulatorControl.SettingsAsync(new { faults = new { rules = Array.Empty<object>() } });
        }

        foreach (var request in requests)
        {
            Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(request, TimeSpan.FromSeconds(60))).Status());
        }
        Assert.Equal(0, await stack.DeadLetteredAsync());
    }

    private async Task<bool> AllAcceptedAsync(IEnumerable<Guid> requests)
    {
        foreach (var request in requests)
        {
            if ((await stack.ApiClient.StatusAsync(request))?.Status() != "accepted")
            {
                return false;
            }
        }
        return true;
    }

    private async Task<string> WaitForPauseAsync(string text)
    {
        var (_, body) = await Eventually.GetAsync(stack.WorkerReadinessAsync,
            r => r.Status == HttpStatusCode.ServiceUnavailable && Describe(r.Body).Contains(text, StringComparison.Ordinal),
            $"the Worker's readiness to report a pause naming {text}", TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(100));
        return Describe(body);
    }

    private static string Describe(JsonElement readiness) =>
        readiness.GetProperty("checks").GetProperty("hubspot").GetProperty("description").GetString()!;
}
