using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Models;
using Microsoft.Extensions.DependencyInjection;

namespace HubSpotCrm.Worker.Tests.Support;

/// <summary>Objects a test needs to exist in the emulator before it starts, made through the Worker's own client.</summary>
public static class EmulatorSeed
{
    public static async Task<IReadOnlyList<string>> ContactsAsync(IServiceProvider services, int count)
    {
        var hubSpot = services.GetRequiredService<HubSpotClient>();
        var inputs = Enumerable.Range(0, count)
            .Select(_ => new CreateInput(new Dictionary<string, string> { ["email"] = $"seed-{Guid.NewGuid():N}@example.com" }))
            .ToList();
        var created = await hubSpot.BatchCreateAsync(HubSpotObjectTypes.Contacts, inputs, CancellationToken.None);
        Assert.Empty(created.Errors);
        return [.. created.Results.Select(c => c.Id)];
    }
}
