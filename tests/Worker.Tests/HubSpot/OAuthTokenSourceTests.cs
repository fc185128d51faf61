using System.Net;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HubSpotCrm.Worker.Tests.HubSpot;

public sealed class OAuthTokenSourceTests
{
    private static (IAccessTokenSource Tokens, FakeTimeProvider Clock, ServiceProvider Services) TokenSource(ScriptedHubSpot hubSpot)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var services = WorkerServices.Build(new Uri("http://hubspot.test/"), primaryHandler: () => hubSpot,
            configure: s => s.AddSingleton<TimeProvider>(clock));
        return (services.GetRequiredService<IAccessTokenSource>(), clock, services);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var hubSpot = new ScriptedHubSpot();
        var (tokens, _, services) = TokenSource(hubSpot);
        await using var _ = services;

        var all = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask()));

        Assert.Equal(1, hubSpot.TokenCalls);
        Assert.All(all, token => Assert.Equal("token-1", token));
    }

    [Fact]
    public async Task The_token_is_reused_until_shortly_before_it_expires_then_replaced_once()
    {
        var hubSpot = new ScriptedHubSpot();
        var (tokens, clock, services) = TokenSource(hubSpot);
        await using var _ = services;

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(24));
        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1.5));
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask()));

        Assert.All(refreshed, token => Assert.Equal("token-2", token));
        Assert.Equal(2, hubSpot.TokenCalls);
    }

    [Fact]
    public async Task A_refreshed_token_rejected_by_a_concurrent_caller_is_not_refreshed_twice()
    {
        var hubSpot = new ScriptedHubSpot();
        var (tokens, _, services) = TokenSource(hubSpot);
        await using var _ = services;
        var first = await tokens.GetAccessTokenAsync(CancellationToken.None);

        var replacements = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tokens.RefreshAsync(first, CancellationToken.None).AsTask()));

        Assert.All(replacements, token => Assert.Equal("token-2", token));
        Assert.Equal(2, hubSpot.TokenCalls);
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_used_for_the_next_refresh()
    {
        var hubSpot = new ScriptedHubSpot
        {
            TokenResponse = n => ScriptedHubSpot.Json(HttpStatusCode.OK,
                $$"""{"access_token":"token-{{n}}","refresh_token":"rotated-{{n}}","expires_in":60,"token_type":"bearer"}"""),
        };
        var (tokens, clock, services) = TokenSource(hubSpot);
        await using var _ = services;

        await tokens.GetAccessTokenAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        await tokens.GetAccessTokenAsync(CancellationToken.None);

        Assert.Contains("refresh_token=demo-refresh-token", hubSpot.TokenRequestBodies[0]);
        Assert.Contains("refresh_token=rotated-1", hubSpot.TokenRequestBodies[1]);
        Assert.Contains("grant_type=refresh_token", hubSpot.TokenRequestBodies[1]);
    }

    [Fact]
    public async Task A_bad_refresh_token_makes_HubSpot_unavailable_for_authentication()
    {
        var hubSpot = new ScriptedHubSpot
        {
            TokenResponse = _ => ScriptedHubSpot.Json(HttpStatusCode.BadRequest, """{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token"}"""),
        };
        var (tokens, _, services) = TokenSource(hubSpot);
        await using var _ = services;

        var unavailable = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(HubSpotUnavailableReason.Authentication, unavailable.Reason);
        Assert.Contains("BAD_REFRESH_TOKEN", unavailable.Message);
        Assert.DoesNotContain("demo-refresh-token", unavailable.Message);
    }
}
