using System.Net;
using System.Net.Http.Headers;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class OAuthTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    private const string InvalidAuthentication =
        """{"status":"error","message":"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview","correlationId":"CID","category":"INVALID_AUTHENTICATION"}""";

    private async Task<HttpStatusCode> ListWithAsync(string token)
    {
        using var client = Emulator.Client(token);
        using var response = await client.GetAsync("/crm/v3/objects/contacts");
        return response.StatusCode;
    }

    [Fact]
    public async Task RefreshReturnsHubSpotTokenResponse()
    {
        var body = await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["access_token", "refresh_token", "expires_in", "token_type", "token_use", "hub_id"], body.Names());
        Assert.Equal("demo-refresh-token", body.Str("refresh_token"));
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("bearer", body.Str("token_type"));
        Assert.Equal("access_token", body.Str("token_use"));
        Assert.Equal(12345678, body.GetProperty("hub_id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(body.Str("access_token")));
    }

    [Theory]
    [InlineData("wrong-token", "demo-client-id", "demo-client-secret")]
    [InlineData("demo-refresh-token", "other-client", "demo-client-secret")]
    [InlineData("demo-refresh-token", "demo-client-id", "wrong-secret")]
    public async Task BadRefreshTokenOrClientIs400BadRefreshToken(string refreshToken, string clientId, string secret)
    {
        using var response = await Anonymous.RefreshAsync(refreshToken, clientId, secret);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_REFRESH_TOKEN", body.Str("status"));
        Assert.Equal("missing or invalid refresh token", body.Str("message"));
        Assert.Equal(response.Headers.GetValues("X-HubSpot-Correlation-Id").Single(), body.Str("correlationId"));
    }

    [Fact]
    public async Task MissingOrUnknownTokenIs401InvalidAuthentication()
    {
        foreach (var client in new[] { Emulator.Client(null), Emulator.Client("pat-na1-unknown") })
        {
            using (client)
            {
                using var response = await client.GetAsync("/crm/v3/objects/contacts");
                var correlationId = response.Headers.GetValues("X-HubSpot-Correlation-Id").Single();

                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal(InvalidAuthentication.Replace("CID", correlationId, StringComparison.Ordinal), await response.Content.ReadAsStringAsync());
                Assert.Equal("401 Unauthorized", response.Headers.GetValues("x-hubspot-auth-failure").Single());
            }
        }

        using var basic = Emulator.Client(null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "pat-na1-demo");
        await basic.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredAccessTokenIs401ExpiredAuthentication()
    {
        await Anonymous.PutSettingsAsync("""{"oauth":{"accessTokenLifetimeSeconds":3}}""");
        var token = await Anonymous.AccessTokenAsync();
        Emulator.Clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(token));

        Emulator.Clock.Advance(TimeSpan.FromMilliseconds(100));
        using var client = Emulator.Client(token);
        var justExpired = await client.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(["status", "message", "correlationId", "category"], justExpired.Names());
        Assert.Equal("EXPIRED_AUTHENTICATION", justExpired.Str("category"));
        Assert.Equal("The OAuth token used to make this call expired 0 minute(s) ago.", justExpired.Str("message"));

        Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await client.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The OAuth token used to make this call expired 5 minute(s) ago.", later.Str("message"));

        var fresh = await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, fresh.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task RotationIssuesNewRefreshTokensAndRetiresOldOnesAfterGrace()
    {
        await Anonymous.PutSettingsAsync("""{"oauth":{"rotateRefreshToken":true}}""");

        var first = await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);
        var rotated = first.Str("refresh_token");
        Assert.NotEqual("demo-refresh-token", rotated);

        Emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);

        Emulator.Clock.Advance(TimeSpan.FromSeconds(21));
        var retired = await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BAD_REFRESH_TOKEN", retired.Str("status"));

        var second = await Anonymous.RefreshAsync(rotated).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(rotated, second.Str("refresh_token"));
        await Anonymous.RefreshAsync(second.Str("refresh_token")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokedAccessTokensAre401UntilANewTokenOrRestore()
    {
        var token = await Anonymous.AccessTokenAsync();

        await Anonymous.PostJsonAsync("/_emulator/tokens/revoke", """{"accessTokens":true,"refreshToken":false}""").ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(EmulatorFixture.PrivateAppToken));
        var replacement = await Anonymous.AccessTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(replacement));

        await Anonymous.PostAsync(new Uri("/_emulator/tokens/restore", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(token));
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(EmulatorFixture.PrivateAppToken));
    }

    [Fact]
    public async Task RevokedRefreshTokenIsBadRefreshTokenUntilRestored()
    {
        await Anonymous.PostJsonAsync("/_emulator/tokens/revoke", """{"accessTokens":false,"refreshToken":true}""").ExpectAsync(HttpStatusCode.NoContent);

        var refused = await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BAD_REFRESH_TOKEN", refused.Str("status"));
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(EmulatorFixture.PrivateAppToken));

        await Anonymous.PostAsync(new Uri("/_emulator/tokens/restore", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);
        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokeWithoutBodyRevokesBoth()
    {
        var token = await Anonymous.AccessTokenAsync();

        await Anonymous.PostAsync(new Uri("/_emulator/tokens/revoke", UriKind.Relative), null).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(token));
        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.BadRequest);
        await Emulator.ResetAsync();
        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AccessTokenInformation()
    {
        var token = await Anonymous.AccessTokenAsync();
        Emulator.Clock.Advance(TimeSpan.FromSeconds(100));

        var body = await Anonymous.GetAsync($"/oauth/v1/access-tokens/{token}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(token, body.Str("token"));
        Assert.Equal(12345678, body.GetProperty("hub_id").GetInt64());
        Assert.Equal(1700, body.GetProperty("expires_in").GetInt64());
        Assert.Equal("access", body.Str("token_type"));
        await Anonymous.GetAsync("/oauth/v1/access-tokens/nope").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RefreshesAreCounted()
    {
        await Anonymous.AccessTokenAsync();
        await Anonymous.AccessTokenAsync();
        await Anonymous.RefreshAsync("bad").ExpectAsync(HttpStatusCode.BadRequest);

        var stats = await Anonymous.GetAsync("/_emulator/stats").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, stats.GetProperty("tokenRefreshes").GetInt64());
        var calls = stats.GetProperty("calls").GetProperty("POST /oauth/v1/token");
        Assert.Equal(2, calls.GetProperty("200").GetInt64());
        Assert.Equal(1, calls.GetProperty("400").GetInt64());
    }

    [Fact]
    public async Task TokenEndpointNeedsAFormBody()
    {
        var body = await Anonymous.PostJsonAsync("/oauth/v1/token", """{"grant_type":"refresh_token"}""").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BAD_REQUEST", body.Str("status"));
    }
}

public sealed class ConfiguredTokensTests(ConfiguredTokensTests.Configured emulator) : EmulatorTest<ConfiguredTokensTests.Configured>(emulator)
{
    [Fact]
    public async Task CredentialsComeFromConfiguration()
    {
        using var configuredPat = Emulator.Client("pat-na1-ci");
        await configuredPat.GetAsync("/crm/v3/objects/deals").ExpectAsync(HttpStatusCode.OK);
        using var defaultPat = Emulator.Client("pat-na1-demo");
        await defaultPat.GetAsync("/crm/v3/objects/deals").ExpectAsync(HttpStatusCode.Unauthorized);

        await Anonymous.RefreshAsync().ExpectAsync(HttpStatusCode.BadRequest);
        var body = await Anonymous.RefreshAsync("ci-refresh", "ci-client", "ci-secret").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual("ci-refresh", body.Str("refresh_token"));
        Assert.Equal(60, body.GetProperty("expires_in").GetInt32());
    }

    public sealed class Configured() : EmulatorFixture(
        new Dictionary<string, string?>
        {
            ["Emulator:PrivateAppTokens:0"] = "pat-na1-ci",
            ["Emulator:OAuth:ClientId"] = "ci-client",
            ["Emulator:OAuth:ClientSecret"] = "ci-secret",
            ["Emulator:OAuth:RefreshToken"] = "ci-refresh",
            ["Emulator:OAuth:AccessTokenLifetimeSeconds"] = "60",
            ["Emulator:OAuth:RotateRefreshToken"] = "true",
        },
        fakeClock: true);
}
