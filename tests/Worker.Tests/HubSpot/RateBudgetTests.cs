using System.Diagnostics;
using System.Net;
using HubSpotCrm.Worker.HubSpot.RateLimiting;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HubSpotCrm.Worker.Tests.HubSpot;

public sealed class RateBudgetTests
{
    private static HttpRequestMessage Search() => new(HttpMethod.Post, "http://hubspot.test/crm/v3/objects/contacts/search");

    private static HttpRequestMessage Standard() => new(HttpMethod.Post, "http://hubspot.test/crm/v3/objects/contacts/batch/upsert");

    private static HubSpotRateBudget Budget(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var services = WorkerServices.Build(new Uri("http://hubspot.test/"), settings,
            configure: clock is null ? null : s => s.AddSingleton(clock));
        return services.GetRequiredService<HubSpotRateBudget>();
    }

    [Fact]
    public async Task Search_calls_never_exceed_the_per_second_ceiling()
    {
        var budget = Budget(new() { ["HubSpot:RateLimits:SearchPerSecond"] = "5" });
        var clock = Stopwatch.StartNew();

        var granted = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var lease = await budget.AcquireAsync(Search(), CancellationToken.None);
            Assert.True(lease.IsAcquired);
            return clock.Elapsed;
        }));

        var ordered = granted.Order().ToArray();
        // Any one-second span holds at most 5 grants.
        for (var i = 5; i < ordered.Length; i++)
        {
            Assert.True(ordered[i] - ordered[i - 5] >= TimeSpan.FromSeconds(1), $"grants {i - 5} and {i} are {ordered[i] - ordered[i - 5]} apart");
        }
    }

    [Fact]
    public async Task The_search_budget_and_the_ten_second_budget_are_separate_and_the_token_endpoint_is_free()
    {
        var budget = Budget(new() { ["HubSpot:RateLimits:SearchPerSecond"] = "1", ["HubSpot:RateLimits:TenSecondly"] = "3" });
        using var search = await budget.AcquireAsync(Search(), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var standard = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => budget.AcquireAsync(Standard(), CancellationToken.None).AsTask()));
        var token = await budget.AcquireAsync(new HttpRequestMessage(HttpMethod.Post, "http://hubspot.test/oauth/v1/token"), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500));
        Assert.All(standard, l => Assert.True(l.IsAcquired));
        Assert.True(token.IsAcquired);
    }

    [Fact]
    public async Task After_a_quiet_spell_long_enough_for_idle_windows_to_be_dropped_permits_are_still_granted()
    {
        var budget = Budget(new() { ["HubSpot:RateLimits:SearchPerSecond"] = "5" });
        (await budget.AcquireAsync(Search(), CancellationToken.None)).Dispose();
        (await budget.AcquireAsync(Standard(), CancellationToken.None)).Dispose();

        // The partitioned limiter drops windows that have been idle for 10 s.
        await Task.Delay(TimeSpan.FromSeconds(12));

        using var search = await budget.AcquireAsync(Search(), CancellationToken.None);
        using var standard = await budget.AcquireAsync(Standard(), CancellationToken.None);
        Assert.True(search.IsAcquired);
        Assert.True(standard.IsAcquired);
    }

    [Fact]
    public void Each_instance_takes_its_configured_share_of_the_budget()
    {
        var options = new HubSpotRateLimitOptions { TenSecondly = 110, SearchPerSecond = 5, Share = 0.5 };

        Assert.Equal(55, options.EffectiveTenSecondly);
        Assert.Equal(2, options.EffectiveSearchPerSecond);
    }

    [Fact]
    public async Task When_HubSpot_reports_the_window_almost_spent_calls_are_held_until_it_rolls_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var budget = Budget(new() { ["HubSpot:RateLimits:ReserveCalls"] = "2" }, clock);
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-HubSpot-RateLimit-Max", "100");
        response.Headers.Add("X-HubSpot-RateLimit-Remaining", "0");
        response.Headers.Add("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");

        Assert.Equal(0, budget.Observe(response));
        var held = budget.AcquireAsync(Standard(), CancellationToken.None).AsTask();
        var search = await budget.AcquireAsync(Search(), CancellationToken.None);

        Assert.True(search.IsAcquired);
        Assert.False(held.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True((await held.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
    }
}
