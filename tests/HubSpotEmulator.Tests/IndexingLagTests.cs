using System.Net;
using HubSpotCrm.TestSupport;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class IndexingLagTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private const string ByFirstName = """{"filterGroups":[{"filters":[{"propertyName":"firstname","operator":"EQ","value":"NAME"}]}]}""";

    private async Task<string[]> FindAsync(string firstName) =>
        (await Api.SearchAsync("contacts", ByFirstName.Replace("NAME", firstName, StringComparison.Ordinal))).Ids();

    [Fact]
    public async Task NewAndChangedObjectsShowUpAfterTheLag()
    {
        await Anonymous.PutSettingsAsync("""{"search":{"indexingLagMs":2000}}""");
        var id = await Api.CreateContactAsync("a@example.com", "firstname=Old");

        Assert.Empty(await FindAsync("Old"));
        Emulator.Clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Empty(await FindAsync("Old"));
        Emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([id], await FindAsync("Old"));

        await Api.PatchJsonAsync($"/crm/v3/objects/contacts/{id}", """{"properties":{"firstname":"New"}}""").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id], await FindAsync("Old"));
        Assert.Empty(await FindAsync("New"));
        var stale = await Api.SearchAsync("contacts", """{"properties":["firstname"]}""");
        Assert.Equal("Old", stale.GetProperty("results")[0].Prop("firstname"));

        Emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([id], await FindAsync("New"));
        Assert.Empty(await FindAsync("Old"));
    }

    [Fact]
    public async Task ArchivedObjectsLeaveSearchAtOnce()
    {
        await Anonymous.PutSettingsAsync("""{"search":{"indexingLagMs":2000}}""");
        var id = await Api.CreateContactAsync("a@example.com", "firstname=Gone");
        Emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([id], await FindAsync("Gone"));

        await Api.DeleteAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.NoContent);

        Assert.Empty(await FindAsync("Gone"));
    }

    [Fact]
    public async Task DirectReadsAreNeverLagged()
    {
        await Anonymous.PutSettingsAsync("""{"search":{"indexingLagMs":60000}}""");
        var id = await Api.CreateContactAsync("a@example.com", "firstname=Now");

        var read = await Api.GetAsync($"/crm/v3/objects/contacts/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Now", read.Prop("firstname"));
        Assert.Empty(await FindAsync("Now"));
    }
}

public sealed class IndexingLagWallClockTests(RealClockEmulator emulator) : EmulatorTest<RealClockEmulator>(emulator)
{
    [Fact]
    public async Task ANewContactBecomesSearchableAfterAboutTheLag()
    {
        await Anonymous.PutSettingsAsync("""{"search":{"indexingLagMs":1500},"rateLimits":{"enabled":false}}""");
        const string Search = """{"filterGroups":[{"filters":[{"propertyName":"email","operator":"EQ","value":"lag@example.com"}]}]}""";
        // Timed from before the create: the write happens before its answer reaches the test, later on a loaded machine.
        var created = System.Diagnostics.Stopwatch.StartNew();
        var id = await Api.CreateContactAsync("lag@example.com");

        Assert.Empty((await Api.SearchAsync("contacts", Search)).Ids());
        await Eventually.TrueAsync(async () => (await Api.SearchAsync("contacts", Search)).Ids().SequenceEqual([id]), "the contact in search",
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(25));

        Assert.True(created.Elapsed >= TimeSpan.FromMilliseconds(1400), $"visible after {created.Elapsed}");
    }
}
