using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.NewObjects;
using HubSpotCrm.Worker.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace HubSpotCrm.Worker.Tests.NewObjects;

/// <summary>What the Worker answers a read request with: a page, or a rejection whose reason says why — never a fault for either.</summary>
public sealed class GetNewObjectsConsumerTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<ServiceProvider> ServicesAsync()
    {
        await emulator.Control.ResetAsync();
        return WorkerServices.Build(emulator.BaseUrl, new Dictionary<string, string?>
        {
            ["HubSpot:Retry:BaseDelay"] = "00:00:00.010",
            ["HubSpot:Retry:MaxDelay"] = "00:00:00.050",
            ["HubSpot:Retry:MaxRetryAttempts"] = "2",
        }, configure: s => s.AddScoped<NewObjectsReader>());
    }

    private static GetNewObjectsConsumer Consumer(ServiceProvider services) =>
        new(services.CreateScope().ServiceProvider.GetRequiredService<NewObjectsReader>(), NullLogger<GetNewObjectsConsumer>.Instance);

    [Fact]
    public async Task A_readable_request_is_answered_with_its_page()
    {
        await using var services = await ServicesAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var context = FakeConsumeContexts.Of(new GetNewObjects(since, 10));

        await Consumer(services).Consume(context);

        await context.Received(1).RespondAsync(Arg.Is<NewObjectsPage>(p => p.Contacts.Single().Id == contact && p.Paging.After != null));
        await context.DidNotReceive().RespondAsync(Arg.Any<NewObjectsRejected>());
    }

    [Theory]
    [InlineData(null, "not-a-cursor", "is not a cursor this service issued")]
    [InlineData("not-a-cursor", null, "ticketsAfter is not a tickets cursor this service issued")]
    public async Task A_cursor_this_service_did_not_issue_is_answered_invalid_cursor(string? ticketsAfter, string? after, string message)
    {
        await using var services = await ServicesAsync();
        var context = FakeConsumeContexts.Of(new GetNewObjects(DateTimeOffset.UtcNow, 10, TicketsAfter: ticketsAfter, After: after));

        await Consumer(services).Consume(context);

        await context.Received(1).RespondAsync(new NewObjectsRejected(NewObjectsRejected.InvalidCursor, message));
    }

    [Theory]
    [InlineData(403, "crm/v3/objects/tickets/search with 403 MISSING_SCOPES")]
    [InlineData(503, "HubSpot answered 503 to POST crm/v3/objects/deals/search after every retry")]
    public async Task HubSpot_failing_a_search_is_answered_hubspot_unavailable_with_HubSpot_s_reason(int status, string reason)
    {
        await using var services = await ServicesAsync();
        var path = status == 403 ? "crm/v3/objects/tickets/search" : "crm/v3/objects/deals/search";
        await emulator.Control.SettingsAsync(new { faults = new { rules = new[] { new { path, status } } } });
        var context = FakeConsumeContexts.Of(new GetNewObjects(DateTimeOffset.UtcNow, 10));

        await Consumer(services).Consume(context);

        await context.Received(1).RespondAsync(Arg.Is<NewObjectsRejected>(r =>
            r.Reason == NewObjectsRejected.HubSpotUnavailable && r.Message.Contains(reason, StringComparison.Ordinal)));
    }
}
