using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.Companies;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.Idempotency;
using HubSpotCrm.Worker.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.Companies;

public sealed class CompanyUpserterTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<(CompanyUpserter Upserter, ServiceProvider Services)> UpserterAsync(string? companyProperty = null)
    {
        var services = WorkerServices.Build(emulator.BaseUrl, configure: s => s.AddScoped<ContactCheck>().AddScoped<CompanyUpserter>()
            .Configure<IdempotencyKeyOptions>(o => o.CompanyProperty = companyProperty ?? o.CompanyProperty));
        await services.GetRequiredService<IdempotencyPropertyBootstrapper>().EnsureAsync(CancellationToken.None);
        return (services.CreateScope().ServiceProvider.GetRequiredService<CompanyUpserter>(), services);
    }

    private static ConsumeContext<UpsertCompany> Command(string domain, IReadOnlyList<string>? contactIds = null, bool? primary = null, string? name = null) =>
        FakeConsumeContexts.Of(new UpsertCompany(Guid.NewGuid(), domain, name is null ? null : new Dictionary<string, string> { ["name"] = name }, contactIds, primary));

    private static string Domain() => $"c{Guid.NewGuid():N}.example.com";

    [Fact]
    public async Task A_hundred_companies_with_links_take_three_calls_and_without_links_one()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contacts = await EmulatorSeed.ContactsAsync(services, 100);
        var linked = contacts.Select(c => Command(Domain(), [c])).ToList();
        var plain = Enumerable.Range(0, 100).Select(_ => Command(Domain())).ToList();

        await emulator.Control.ResetStatsAsync();
        var withLinks = await upserter.UpsertAsync(linked, CancellationToken.None);
        var linkCalls = await emulator.Control.StatsAsync();
        await emulator.Control.ResetStatsAsync();
        var withoutLinks = await upserter.UpsertAsync(plain, CancellationToken.None);
        var plainCalls = await emulator.Control.StatsAsync();

        Assert.All(withLinks.Concat(withoutLinks), o => Assert.True(o.Failure is null && o.Created, o.Failure?.Message));
        // contacts batch read, companies batch upsert, contact→company batch create
        Assert.Equal(3, linkCalls.CallsMatching("/crm/"));
        Assert.Equal(1, linkCalls.Calls("POST /crm/v3/objects/companies/batch/upsert"));
        Assert.Equal(1, linkCalls.Calls("POST /crm/v4/associations/contacts/companies/batch/create"));
        Assert.Equal(1, plainCalls.CallsMatching("/crm/"));
        Assert.Equal(1, plainCalls.Calls("POST /crm/v3/objects/companies/batch/upsert"));
    }

    [Fact]
    public async Task Forms_of_one_domain_in_a_batch_are_one_company_the_later_name_wins_and_only_the_first_says_created()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var domain = Domain();
        var first = Command(domain, name: "First");
        var second = Command($"https://WWW.{domain.ToUpperInvariant()}/about", name: "Second");

        var outcomes = await upserter.UpsertAsync([first, second], CancellationToken.None);

        var a = Assert.Single(outcomes, o => o.Command == first);
        var b = Assert.Single(outcomes, o => o.Command == second);
        Assert.Equal(a.CompanyId, b.CompanyId);
        Assert.True(a.Created);
        Assert.False(b.Created);
        Assert.Equal(domain, b.Domain);
        var company = Assert.Single(await emulator.Control.ObjectsAsync("companies"), c => c.Property("domain") == domain);
        Assert.Equal("Second", company.Property("name"));
        Assert.Equal(domain, company.Property("crm_service_company_key"));
    }

    [Fact]
    public async Task A_command_naming_an_unknown_contact_fails_before_anything_is_written_and_the_others_succeed()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var contact = (await EmulatorSeed.ContactsAsync(services, 1))[0];
        var orphanDomain = Domain();
        var good = Command(Domain(), [contact]);
        var orphan = Command(orphanDomain, [contact, "999999999"]);

        var outcomes = await upserter.UpsertAsync([good, orphan], CancellationToken.None);

        Assert.Null(Assert.Single(outcomes, o => o.Command == good).Failure);
        var failure = Assert.Single(outcomes, o => o.Command == orphan).Failure;
        Assert.Equal(CommandFailures.ContactNotFound, failure?.Code);
        Assert.Contains("999999999", failure?.Message);
        Assert.DoesNotContain(await emulator.Control.ObjectsAsync("companies"), c => c.Property("domain") == orphanDomain);
    }

    [Fact]
    public async Task A_company_HubSpot_refuses_fails_alone()
    {
        var (upserter, services) = await UpserterAsync();
        await using var _ = services;
        var good = Command(Domain(), name: "Good");
        var bad = FakeConsumeContexts.Of(new UpsertCompany(Guid.NewGuid(), Domain(), new Dictionary<string, string> { ["industry"] = "Technology" }));

        var outcomes = await upserter.UpsertAsync([bad, good], CancellationToken.None);

        Assert.Null(Assert.Single(outcomes, o => o.Command == good).Failure);
        var failure = Assert.Single(outcomes, o => o.Command == bad).Failure;
        Assert.Equal(CommandFailures.HubSpotRejected, failure?.Code);
        Assert.Contains("INVALID_OPTION", failure?.Message);
    }

    [Fact]
    public async Task Without_a_unique_company_key_every_command_fails_and_HubSpot_is_not_called()
    {
        var property = $"not_unique_{Guid.NewGuid():N}"[..30];
        var (seeder, seedServices) = await UpserterAsync();
        await using (seedServices)
        {
            var hubSpot = seedServices.GetRequiredService<HubSpotClient>();
            await hubSpot.CreatePropertyAsync(HubSpotObjectTypes.Companies,
                new PropertyDefinition(property, "Not unique", "string", "text", "companyinformation", HasUniqueValue: false), CancellationToken.None);
        }
        var (upserter, services) = await UpserterAsync(property);
        await using var _ = services;
        var command = Command(Domain());

        await emulator.Control.ResetStatsAsync();
        var outcome = Assert.Single(await upserter.UpsertAsync([command], CancellationToken.None));

        Assert.Equal(CommandFailures.HubSpotRejected, outcome.Failure?.Code);
        Assert.Contains(property, outcome.Failure?.Message);
        Assert.Equal(0, (await emulator.Control.StatsAsync()).CallsMatching("/crm/"));
    }
}
