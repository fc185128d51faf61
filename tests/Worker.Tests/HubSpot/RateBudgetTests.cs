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

        // Each window has handed every permit back by then.
        await Task.Delay(TimeSpan.FromSeconds(12));

        using var search = await budget.AcquireAsync(Search(), CancellationToken.None);
        using var standard = await budget.AcquireAsync(Standard(), CancellationToken.None);
        Assert.True(search.IsAcquired);
        Assert.True(standard.IsAcquired);
    }

    [Fact]
    public void Each_instance_takes_its_configured_share_of_the_budget()
    {
        var budget = Budget(new() { ["HubSpot:RateLimits:TenSecondly"] = "110", ["HubSpot:RateLimits:Share"] = "0.5" });

        Assert.Equal(0.5, budget.Share);
        Assert.Equal(55, budget.TenSecondlyPermits);
        Assert.Equal(2, new HubSpotRateLimitOptions { SearchPerSecond = 5 }.SearchPerSecondFor(0.5));
    }

    [Fact]
    public async Task A_smaller_share_still_counts_the_calls_granted_under_the_larger_one()
    {
        var budget = Budget(new() { ["HubSpot:RateLimits:TenSecondly"] = "30" });
        for (var i = 0; i < 12; i++)
        {
            (await budget.AcquireAsync(Standard(), CancellationToken.None)).Dispose();
        }

        budget.Resize(1.0 / 3);

        // 10 permits now, and 12 calls were made in the window: none is left until they leave it.
        var next = budget.AcquireAsync(Standard(), CancellationToken.None).AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(next.IsCompleted);
        Assert.Equal(10, budget.TenSecondlyPermits);
    }

    [Fact]
    public async Task A_larger_share_grants_at_once_what_the_new_window_has_left()
    {
        var budget = Budget(new() { ["HubSpot:RateLimits:TenSecondly"] = "30", ["HubSpot:RateLimits:Share"] = "0.2" });
        budget.Resize(0.2);
        for (var i = 0; i < 6; i++)
        {
            (await budget.AcquireAsync(Standard(), CancellationToken.None)).Dispose();
        }
        var waiting = budget.AcquireAsync(Standard(), CancellationToken.None).AsTask();

        budget.Resize(1.0);

        var granted = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => budget.AcquireAsync(Standard(), CancellationToken.None).AsTask()))
            .WaitAsync(TimeSpan.FromSeconds(2));
        Assert.All(granted, l => Assert.True(l.IsAcquired));
        Assert.False(waiting.IsCompleted, "a call queued on the old window waits for the old window");
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
