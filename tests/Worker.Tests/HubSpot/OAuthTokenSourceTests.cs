using System.Net;
using System.Text;
using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Auth;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;

namespace HubSpotCrm.Worker.Tests.HubSpot;

public sealed class OAuthTokenSourceTests
{
    private static FakeTimeProvider NewClock() => new(DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static (IAccessTokenSource Tokens, FakeTimeProvider Clock, ServiceProvider Services) TokenSource(ScriptedHubSpot hubSpot)
    {
        var clock = NewClock();
        var (tokens, services) = Instance(hubSpot, new InMemoryRefreshTokenStore(), clock: clock);
        return (tokens, clock, services);
    }

    /// <summary>
    /// One Worker instance's token source on <paramref name="store"/>. With <paramref name="clock"/> the pipeline's
    /// timeouts and retry delays run on it too; without, on the real clock.
    /// </summary>
    private static (IAccessTokenSource Tokens, ServiceProvider Services) Instance(ScriptedHubSpot hubSpot, InMemoryRefreshTokenStore store,
        IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var services = WorkerServices.Build(new Uri("http://hubspot.test/"), settings, primaryHandler: () => hubSpot, configure: s =>
        {
            s.AddSingleton<IRefreshTokenStore>(store);
            if (clock is not null)
            {
                s.AddSingleton<TimeProvider>(clock);
            }
        });
        return (services.GetRequiredService<IAccessTokenSource>(), services);
    }

    /// <summary>HubSpot handing out a new refresh token at every refresh.</summary>
    private static ScriptedHubSpot Rotating() => new()
    {
        TokenResponse = n => Issued(n),
    };

    /// <summary>HubSpot that rotates, and takes only the newest refresh token (no grace period): a replaced one is refused.</summary>
    private static ScriptedHubSpot Strict()
    {
        var hubSpot = new ScriptedHubSpot();
        var newest = ServiceStackOptions.RefreshToken;
        hubSpot.TokenResponse = n =>
        {
            if (hubSpot.SentRefreshToken(n) != newest)
            {
                return BadRefreshToken();
            }
            newest = $"rotated-{n}";
            return Issued(n);
        };
        return hubSpot;
    }

    private static HttpResponseMessage Issued(int n, string? refreshToken = null) => ScriptedHubSpot.Json(HttpStatusCode.OK,
        $$"""{"access_token":"token-{{n}}","refresh_token":"{{refreshToken ?? $"rotated-{n}"}}","expires_in":60,"token_type":"bearer"}""");

    private static HttpResponseMessage BadRefreshToken() =>
        ScriptedHubSpot.Json(HttpStatusCode.BadRequest, """{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token"}""");

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

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
        var hubSpot = Rotating();
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
    public async Task A_bad_refresh_token_makes_HubSpot_unavailable_for_authentication_and_is_asked_about_again_later()
    {
        var hubSpot = new ScriptedHubSpot { TokenResponse = _ => BadRefreshToken() };
        var (tokens, _, services) = TokenSource(hubSpot);
        await using var _ = services;

        var unavailable = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask());
        Assert.Equal(1, hubSpot.TokenCalls);
        await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(HubSpotUnavailableReason.Authentication, unavailable.Reason);
        Assert.Contains("BAD_REFRESH_TOKEN", unavailable.Message);
        Assert.DoesNotContain("demo-refresh-token", unavailable.Message);
        Assert.Equal(2, hubSpot.TokenCalls);
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_kept_sealed_in_the_store_and_a_restart_goes_on_from_it()
    {
        var hubSpot = Strict();
        var store = new InMemoryRefreshTokenStore();
        var (first, firstServices) = Instance(hubSpot, store);
        await first.GetAccessTokenAsync(CancellationToken.None);
        await firstServices.DisposeAsync();

        var (restarted, services) = Instance(hubSpot, store);
        await using var _ = services;
        Assert.Equal("token-2", await restarted.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal("rotated-1", hubSpot.SentRefreshToken(2));
        var record = Encoding.UTF8.GetString(store.Record!);
        Assert.DoesNotContain("rotated", record, StringComparison.Ordinal);
        Assert.DoesNotContain(ServiceStackOptions.RefreshToken, record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_token_rotated_from_another_configured_refresh_token_is_ignored_so_the_operators_new_one_counts()
    {
        var hubSpot = Rotating();
        var store = new InMemoryRefreshTokenStore();
        var (old, oldServices) = Instance(hubSpot, store, Settings(("HubSpot:RefreshToken", "refresh-token-set-before")));
        await old.GetAccessTokenAsync(CancellationToken.None);
        await oldServices.DisposeAsync();

        var (configuredAnew, services) = Instance(hubSpot, store);
        await using var _ = services;
        await configuredAnew.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(ServiceStackOptions.RefreshToken, hubSpot.SentRefreshToken(2));
    }

    [Fact]
    public async Task A_kept_token_sealed_with_another_client_secret_is_ignored()
    {
        var hubSpot = Rotating();
        var store = new InMemoryRefreshTokenStore();
        var (other, otherServices) = Instance(hubSpot, store, Settings(("HubSpot:ClientSecret", "another-client-secret")));
        await other.GetAccessTokenAsync(CancellationToken.None);
        await otherServices.DisposeAsync();

        var (tokens, services) = Instance(hubSpot, store);
        await using var _ = services;
        await tokens.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(ServiceStackOptions.RefreshToken, hubSpot.SentRefreshToken(2));
    }

    [Fact]
    public async Task Two_instances_sharing_the_store_always_send_the_newest_refresh_token_even_when_they_refresh_at_once()
    {
        var hubSpot = Strict();
        var store = new InMemoryRefreshTokenStore();
        var clock = NewClock();
        var (a, aServices) = Instance(hubSpot, store, clock: clock);
        var (b, bServices) = Instance(hubSpot, store, clock: clock);
        await using var _ = aServices;
        await using var __ = bServices;

        for (var round = 0; round < 5; round++)
        {
            await a.GetAccessTokenAsync(CancellationToken.None);
            await b.GetAccessTokenAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(59));
            await Task.WhenAll(a.GetAccessTokenAsync(CancellationToken.None).AsTask(), b.GetAccessTokenAsync(CancellationToken.None).AsTask());
            clock.Advance(TimeSpan.FromSeconds(59));
        }

        Assert.Equal(20, hubSpot.TokenCalls);
        Assert.All(Enumerable.Range(2, 19), n => Assert.Equal($"rotated-{n - 1}", hubSpot.SentRefreshToken(n)));
    }

    [Fact]
    public async Task A_refused_token_is_sent_again_once_when_another_instance_rotated_it_while_this_one_held_nothing()
    {
        // Another instance's rotation, sealed as it would keep it.
        var elsewhere = new InMemoryRefreshTokenStore();
        var (other, otherServices) = Instance(new ScriptedHubSpot { TokenResponse = n => Issued(n, "rotated-elsewhere") }, elsewhere);
        await other.GetAccessTokenAsync(CancellationToken.None);
        await otherServices.DisposeAsync();

        var store = new InMemoryRefreshTokenStore();
        var heldByOther = await store.HoldAsync();
        var hubSpot = new ScriptedHubSpot();
        hubSpot.TokenResponse = n =>
        {
            if (hubSpot.SentRefreshToken(n) != "rotated-elsewhere")
            {
                // The other instance finishes its refresh while this answer is on its way.
                heldByOther.ReplaceAsync(elsewhere.Record!, CancellationToken.None).GetAwaiter().GetResult();
                heldByOther.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return BadRefreshToken();
            }
            return Issued(n);
        };
        var (tokens, services) = Instance(hubSpot, store);
        await using var _ = services;

        Assert.Equal("token-2", await tokens.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal([ServiceStackOptions.RefreshToken, "rotated-elsewhere"], [hubSpot.SentRefreshToken(1), hubSpot.SentRefreshToken(2)]);
    }

    [Fact]
    public async Task A_refused_token_the_store_holds_too_is_not_sent_again_in_that_refresh()
    {
        var hubSpot = Rotating();
        var (tokens, services) = Instance(hubSpot, new InMemoryRefreshTokenStore());
        await using var _ = services;
        var first = await tokens.GetAccessTokenAsync(CancellationToken.None);
        hubSpot.TokenResponse = _ => BadRefreshToken();

        var refused = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.RefreshAsync(first, CancellationToken.None).AsTask());

        Assert.Equal(HubSpotUnavailableReason.Authentication, refused.Reason);
        Assert.Contains("the one it rotated to", refused.Message);
        Assert.Equal(2, hubSpot.TokenCalls);
    }

    public enum LostAnswer
    {
        ConnectionClosedAfterSending,
        NoAnswerInTime,
        ServerError,
        UnreadableAnswer,
    }

    [Theory]
    [InlineData(LostAnswer.ConnectionClosedAfterSending)]
    [InlineData(LostAnswer.NoAnswerInTime)]
    [InlineData(LostAnswer.ServerError)]
    [InlineData(LostAnswer.UnreadableAnswer)]
    public async Task A_lost_answer_after_HubSpot_rotated_leaves_the_token_in_doubt_and_it_is_never_sent_again(LostAnswer lost)
    {
        var hubSpot = Rotating();
        hubSpot.TokenDelay = n => n == 2 && lost == LostAnswer.NoAnswerInTime ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;
        hubSpot.TokenResponse = n => n == 1 ? Issued(n) : lost switch
        {
            LostAnswer.ConnectionClosedAfterSending => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
            LostAnswer.ServerError => ScriptedHubSpot.Json(HttpStatusCode.BadGateway, """{"status":"error","message":"Bad Gateway"}"""),
            LostAnswer.UnreadableAnswer => ScriptedHubSpot.Json(HttpStatusCode.OK, """{"access_token":"tok"""),
            _ => Issued(n),
        };
        var store = new InMemoryRefreshTokenStore();
        var settings = Settings(("HubSpot:AttemptTimeout", "00:00:00.300"));
        var (tokens, services) = Instance(hubSpot, store, settings);
        var first = await tokens.GetAccessTokenAsync(CancellationToken.None);

        var inDoubt = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.RefreshAsync(first, CancellationToken.None).AsTask());
        var again = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.RefreshAsync(first, CancellationToken.None).AsTask());
        await services.DisposeAsync();
        var (restarted, restartedServices) = Instance(hubSpot, store, settings);
        await using var _ = restartedServices;
        var afterRestart = await Assert.ThrowsAsync<HubSpotUnavailableException>(() => restarted.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(2, hubSpot.TokenCalls);
        Assert.All(new[] { inDoubt, again, afterRestart }, e =>
        {
            Assert.Equal(HubSpotUnavailableReason.Authentication, e.Reason);
            Assert.Contains("HubSpot:RefreshToken", e.Message);
            Assert.DoesNotContain("rotated-1", e.Message);
            Assert.DoesNotContain(ServiceStackOptions.RefreshToken, e.Message);
        });
    }

    [Fact]
    public async Task A_lost_answer_before_HubSpot_was_seen_to_rotate_is_transient_and_the_same_token_is_sent_again()
    {
        var hubSpot = new ScriptedHubSpot
        {
            TokenResponse = n => n == 1
                ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")
                : Issued(n, ServiceStackOptions.RefreshToken),
        };
        var (tokens, services) = Instance(hubSpot, new InMemoryRefreshTokenStore());
        await using var _ = services;

        await Assert.ThrowsAsync<HubSpotTransientException>(() => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask());
        Assert.Equal("token-2", await tokens.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal([ServiceStackOptions.RefreshToken, ServiceStackOptions.RefreshToken], [hubSpot.SentRefreshToken(1), hubSpot.SentRefreshToken(2)]);
    }

    [Fact]
    public async Task A_token_request_that_could_not_connect_is_tried_again_and_leaves_the_token_usable()
    {
        var hubSpot = Rotating();
        hubSpot.TokenResponse = n => n is 2 or 3
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : Issued(n);
        var (tokens, services) = Instance(hubSpot, new InMemoryRefreshTokenStore());
        await using var _ = services;
        var first = await tokens.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("token-4", await tokens.RefreshAsync(first, CancellationToken.None));

        Assert.All(Enumerable.Range(2, 3), n => Assert.Equal("rotated-1", hubSpot.SentRefreshToken(n)));
    }

    [Fact]
    public async Task A_429_from_the_token_endpoint_is_transient_and_leaves_the_token_usable()
    {
        var hubSpot = Rotating();
        hubSpot.TokenResponse = n => n == 2 ? ScriptedHubSpot.TooManyRequests("TEN_SECONDLY_ROLLING", "You have reached your ten_secondly_rolling limit.") : Issued(n);
        var (tokens, services) = Instance(hubSpot, new InMemoryRefreshTokenStore());
        await using var _ = services;
        var first = await tokens.GetAccessTokenAsync(CancellationToken.None);

        await Assert.ThrowsAsync<HubSpotTransientException>(() => tokens.RefreshAsync(first, CancellationToken.None).AsTask());
        Assert.Equal("token-3", await tokens.RefreshAsync(first, CancellationToken.None));

        Assert.Equal("rotated-1", hubSpot.SentRefreshToken(3));
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_does_not_lose_the_answer()
    {
        var hubSpot = Rotating();
        hubSpot.TokenDelay = _ => TimeSpan.FromMilliseconds(500);
        var store = new InMemoryRefreshTokenStore();
        var (tokens, services) = Instance(hubSpot, store);
        await using var _ = services;

        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tokens.GetAccessTokenAsync(impatient.Token).AsTask());

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(1, hubSpot.TokenCalls);
        Assert.Equal(1, store.Replacements);
    }

    [Fact]
    public async Task A_new_refresh_token_set_by_the_operator_is_used_although_the_kept_one_is_in_doubt()
    {
        var hubSpot = Rotating();
        var store = new InMemoryRefreshTokenStore();
        var (tokens, services) = Instance(hubSpot, store);
        var first = await tokens.GetAccessTokenAsync(CancellationToken.None);
        hubSpot.TokenResponse = n => n == 2 ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.") : Issued(n);
        await Assert.ThrowsAsync<HubSpotUnavailableException>(() => tokens.RefreshAsync(first, CancellationToken.None).AsTask());
        await services.DisposeAsync();

        var reauthorized = Settings(("HubSpot:RefreshToken", "reauthorized-refresh-token"));
        var (restarted, restartedServices) = Instance(hubSpot, store, reauthorized);
        Assert.Equal("token-3", await restarted.GetAccessTokenAsync(CancellationToken.None));
        await restartedServices.DisposeAsync();
        var (again, againServices) = Instance(hubSpot, store, reauthorized);
        await using var _ = againServices;
        Assert.Equal("token-4", await again.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(["reauthorized-refresh-token", "rotated-3"], [hubSpot.SentRefreshToken(3), hubSpot.SentRefreshToken(4)]);
    }

    [Fact]
    public async Task A_rotated_token_the_store_could_not_keep_is_kept_once_it_can()
    {
        var hubSpot = Rotating();
        var store = new InMemoryRefreshTokenStore { RefusesReplacement = true };
        var (tokens, services) = Instance(hubSpot, store);
        await using var _ = services;

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        Assert.Null(store.Record);
        store.RefusesReplacement = false;
        await Eventually.TrueAsync(() => Task.FromResult(store.Record is not null), "the rotated token to be kept", TimeSpan.FromSeconds(10));

        var (restarted, restartedServices) = Instance(hubSpot, store);
        await using var __ = restartedServices;
        await restarted.GetAccessTokenAsync(CancellationToken.None);
        Assert.Equal("rotated-1", hubSpot.SentRefreshToken(2));
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_is_a_transient_failure_and_no_token_is_requested()
    {
        var hubSpot = Rotating();
        var (tokens, services) = Instance(hubSpot, new InMemoryRefreshTokenStore { Unreachable = true });
        await using var _ = services;

        await Assert.ThrowsAsync<HubSpotTransientException>(() => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(0, hubSpot.TokenCalls);
    }

    [Fact]
    public async Task Token_requests_never_reuse_a_connection_and_connecting_gives_up_before_the_attempt_does()
    {
        await using var services = WorkerServices.Build(new Uri("http://hubspot.test/"), Settings(("HubSpot:AttemptTimeout", "00:00:08")));

        var handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(OAuthTokenSource.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(TimeSpan.Zero, sockets.PooledConnectionLifetime);
        Assert.Equal(TimeSpan.FromSeconds(4), sockets.ConnectTimeout);
    }
}
