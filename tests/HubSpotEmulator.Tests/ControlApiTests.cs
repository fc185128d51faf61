using System.Net;
using HubSpotEmulator.Tests.Support;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Tests;

public sealed class ControlApiTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    [Fact]
    public async Task StatsCountCallsByRouteWithIdsReplaced()
    {
        var id = await Api.CreateContactAsync("a@example.com");
        await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync($"/crm/v3/objects/0-1/{id}").ExpectAsync(HttpStatusCode.OK);
        await Api.GetAsync("/crm/v3/objects/contacts/999").ExpectAsync(HttpStatusCode.NotFound);
        await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"idProperty":"email","id":"b@example.com","properties":{}}]}""").ExpectAsync(HttpStatusCode.OK);
        await Api.PutAsync(new Uri($"/crm/v4/objects/contacts/{id}/associations/default/deals/{await Api.CreateDealAsync()}", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);
        await Anonymous.GetAsync("/_emulator/health").ExpectAsync(HttpStatusCode.OK);
        await Api.DeleteAsync("/crm/v3/objects/contacts/" + id).ExpectAsync(HttpStatusCode.NoContent);

        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["totalCalls", "http429", "tokenRefreshes", "calls", "objects"], stats.Names());
        Assert.Equal(8, stats.GetProperty("totalCalls").GetInt64());
        var calls = stats.GetProperty("calls");
        Assert.Equal(1, calls.GetProperty("GET /crm/v3/objects/contacts/{id}").GetProperty("200").GetInt64());
        Assert.Equal(1, calls.GetProperty("GET /crm/v3/objects/contacts/{id}").GetProperty("404").GetInt64());
        Assert.Equal(1, calls.GetProperty("GET /crm/v3/objects/0-1/{id}").GetProperty("200").GetInt64());
        Assert.Equal(1, calls.GetProperty("POST /crm/v3/objects/contacts/batch/upsert").GetProperty("200").GetInt64());
        Assert.Equal(1, calls.GetProperty("PUT /crm/v4/objects/contacts/{id}/associations/default/deals/{id}").GetProperty("200").GetInt64());
        Assert.Equal(1, calls.GetProperty("DELETE /crm/v3/objects/contacts/{id}").GetProperty("204").GetInt64());
        Assert.DoesNotContain(calls.Names(), n => n.Contains("_emulator", StringComparison.Ordinal));
        var objects = stats.GetProperty("objects");
        Assert.Equal((1, 1, 0), (objects.GetProperty("contacts").GetInt32(), objects.GetProperty("deals").GetInt32(), objects.GetProperty("tickets").GetInt32()));
    }

    [Fact]
    public async Task DeletingStatsKeepsTheData()
    {
        await Api.CreateContactAsync("a@example.com");

        await Anonymous.DeleteAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.NoContent);

        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, stats.GetProperty("totalCalls").GetInt64());
        Assert.Empty(stats.GetProperty("calls").Names());
        Assert.Equal(1, stats.GetProperty("objects").GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task ResetDropsEverythingAndRestoresSettings()
    {
        await Api.CreateContactAsync("a@example.com");
        await Anonymous.PutSettingsAsync("""{"search":{"indexingLagMs":5000},"faults":{"lockRate":0.5}}""");
        await Anonymous.PostJsonAsync("/_emulator/faults/rate-limit-burst", """{"count":5}""").ExpectAsync(HttpStatusCode.NoContent);

        await Emulator.ResetAsync();

        var settings = await Anonymous.GetAsync("/_emulator/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, settings.GetProperty("search").GetProperty("indexingLagMs").GetInt32());
        Assert.Equal(0, settings.GetProperty("faults").GetProperty("lockRate").GetDouble());
        var list = await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("results").GetArrayLength());
        Assert.Equal("100000001", await Api.CreateContactAsync("a@example.com"));
        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, stats.GetProperty("totalCalls").GetInt64());
    }

    [Fact]
    public async Task ObjectDumpShowsEverythingIncludingArchived()
    {
        var contact = await Api.CreateContactAsync("a@example.com", "phone=1");
        var deal = await Api.CreateAsync("deals", """{"dealname":"D","dealstage":"closedwon"}""", $$$"""
            [{"to":{"id":"{{{contact}}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":3}]}]
            """);
        var archived = await Api.CreateContactAsync("b@example.com");
        await Api.DeleteAsync($"/crm/v3/objects/contacts/{archived}").ExpectAsync(HttpStatusCode.NoContent);

        var dump = await Anonymous.GetAsync("/_emulator/objects/contacts").ExpectAsync(HttpStatusCode.OK);

        var results = dump.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([contact, archived], results.Select(r => r.Str("id")));
        Assert.Equal("1", results[0].Prop("phone"));
        Assert.Equal("API", results[0].Prop("hs_object_source"));
        var link = results[0].GetProperty("associations").GetProperty("deals")[0];
        Assert.Equal((deal, 4), (link.Str("id"), link.GetProperty("typeId").GetInt32()));
        Assert.True(results[1].GetProperty("archived").GetBoolean());
        Assert.Empty(results[1].GetProperty("associations").Names());
    }

    [Fact]
    public async Task AssociationDumpListsBothDirections()
    {
        var contact = await Api.CreateContactAsync("a@example.com");
        var ticket = await Api.CreateTicketAsync();
        await Api.PutAsync(new Uri($"/crm/v4/objects/contacts/{contact}/associations/default/tickets/{ticket}", UriKind.Relative), null).ExpectAsync(HttpStatusCode.OK);

        var dump = await Anonymous.GetAsync("/_emulator/associations").ExpectAsync(HttpStatusCode.OK);

        var rows = dump.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["fromType", "fromId", "toType", "toId", "typeId", "category"], rows[0].Names());
        Assert.Equal(("contacts", contact, "tickets", ticket, 15, "HUBSPOT_DEFINED"), (rows[0].Str("fromType"), rows[0].Str("fromId"), rows[0].Str("toType"), rows[0].Str("toId"), rows[0].GetProperty("typeId").GetInt32(), rows[0].Str("category")));
        Assert.Equal(("tickets", ticket, "contacts", contact, 16), (rows[1].Str("fromType"), rows[1].Str("fromId"), rows[1].Str("toType"), rows[1].Str("toId"), rows[1].GetProperty("typeId").GetInt32()));
    }

    [Fact]
    public async Task SettingsArePartiallyUpdatable()
    {
        var updated = await Anonymous.PutJsonAsync("/_emulator/settings", """{"rateLimits":{"tenSecondly":7},"faults":{"down":"hang","errorStatuses":[504]}}""")
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(7, updated.GetProperty("rateLimits").GetProperty("tenSecondly").GetInt32());
        Assert.False(updated.GetProperty("rateLimits").GetProperty("enabled").GetBoolean());
        Assert.Equal("hang", updated.GetProperty("faults").Str("down"));
        Assert.Equal(504, updated.GetProperty("faults").GetProperty("errorStatuses")[0].GetInt32());
        await Anonymous.PutSettingsAsync("""{"faults":{"down":"off"}}""");
    }

    [Theory]
    [InlineData("""{"faults":{"errorRate":1.5}}""")]
    [InlineData("""{"faults":{"errorStatuses":[404]}}""")]
    [InlineData("""{"faults":{"down":"sideways"}}""")]
    [InlineData("""{"rateLimits":{"tenSecondy":5}}""")]
    [InlineData("""{"oauth":{"accessTokenLifetimeSeconds":0}}""")]
    public async Task InvalidSettingsAreRefused(string json)
    {
        var body = await Anonymous.PutJsonAsync("/_emulator/settings", json).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        var settings = await Anonymous.GetAsync("/_emulator/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, settings.GetProperty("faults").GetProperty("errorRate").GetDouble());
    }

    [Fact]
    public async Task HealthIsNotCounted()
    {
        await Anonymous.GetAsync("/_emulator/health").ExpectAsync(HttpStatusCode.OK);

        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, stats.GetProperty("totalCalls").GetInt64());
    }
}

public sealed class DefaultSettingsTests(RealClockEmulator emulator) : EmulatorTest<RealClockEmulator>(emulator)
{
    [Fact]
    public async Task ShippedDefaultsAreHubSpotLike()
    {
        using var response = await Anonymous.GetAsync("/_emulator/settings");

        Assert.Equal(
            """{"rateLimits":{"enabled":true,"tenSecondly":110,"daily":250000,"searchPerSecond":5,"sendRetryAfter":false},"search":{"indexingLagMs":2000},"oauth":{"accessTokenLifetimeSeconds":1800,"rotateRefreshToken":false},"faults":{"latencyMs":0,"jitterMs":0,"responseDelayMs":0,"errorRate":0,"errorStatuses":[500,502,503,504],"lockRate":0,"down":"off","includeOAuth":false,"rules":[]}}""",
            await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The emulator as a process, as it is run: a WebApplicationFactory sometimes loses the start failure to a race
/// (the host is disposed while it is being started) and reports an ObjectDisposedException instead.
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Emulator__RateLimits__TenSecondly", "0", "rateLimits.tenSecondly")]
    [InlineData("Emulator__Faults__ErrorRate", "2", "faults.errorRate")]
    [InlineData("Emulator__OAuth__ClientId", "", "Emulator:OAuth:ClientId")]
    public async Task InvalidConfigurationStopsTheStart(string variable, string value, string problem)
    {
        var dll = HubSpotCrm.TestSupport.Repository.ServiceDll("HubSpotEmulator");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment[variable] = value;

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The emulator started with {variable}={value}");
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(problem, await output + await error, StringComparison.Ordinal);
    }
}
