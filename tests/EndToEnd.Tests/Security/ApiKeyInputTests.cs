using System.Globalization;
using System.Text.RegularExpressions;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// The key travels in exactly one X-Api-Key header (its name in any case, as HTTP header names are). A key anywhere
/// else, twice, empty, blank or longer than any key can be is 401 problem details that say what to send and never
/// repeat what was sent; nothing of the request is stored or published. The requests are written byte for byte.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class ApiKeyInputTests(ServiceStack stack)
{
    private const string Key = ServiceStackOptions.ApiKey;
    private const string OtherKey = ServiceStackOptions.OtherApiKey;

    /// <summary>ApiKeyOptions.MaximumKeyLength: longer values are refused before they are hashed.</summary>
    private const int MaximumKeyLength = 256;

    public static TheoryData<string, string[], string, string> Refusals() => new()
    {
        // case, header lines, title, a word the detail must hold
        { "bearer", [$"Authorization: Bearer {Key}"], "API key required", "Authorization" },
        { "authorization-scheme", [$"Authorization: ApiKey {Key}"], "API key required", "Authorization" },
        { "other-name", [$"Api-Key: {Key}"], "API key required", "X-Api-Key" },
        { "underscores", [$"X_Api_Key: {Key}"], "API key required", "X-Api-Key" },
        { "empty", ["X-Api-Key:"], "API key required", "X-Api-Key" },
        { "blank", ["X-Api-Key:    "], "API key required", "X-Api-Key" },
        { "twice-same", [$"X-Api-Key: {Key}", $"X-Api-Key: {Key}"], "API key not accepted", "exactly one" },
        { "twice-different", [$"X-Api-Key: {Key}", $"x-api-key: {OtherKey}"], "API key not accepted", "exactly one" },
        { "empty-then-valid", ["X-Api-Key:", $"X-Api-Key: {Key}"], "API key not accepted", "exactly one" },
        { "two-in-one-line", [$"X-Api-Key: {Key}, {OtherKey}"], "API key not accepted", "exactly one" },
        { "too-long", [$"X-Api-Key: {Key}{new string('k', MaximumKeyLength)}"], "API key not accepted", "256" },
        { "far-too-long", [$"X-Api-Key: {Key}{new string('k', 16_000)}"], "API key not accepted", "256" },
        { "wrong", ["X-Api-Key: wrong-key-0123456789abcdef"], "API key not accepted", "X-Api-Key" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_key_in_the_wrong_place_twice_empty_or_too_long_is_401_problem_details_and_nothing_is_stored_or_published(
        string @case, string[] headerLines, string title, string hint)
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        var response = await RawHttp.SendAsync(stack.Api.BaseUrl, "POST", ApiCalls.Contact, headerLines, JsonSerializer.Serialize(TestData.Contact()));

        Assert.True(response.Status == 401, $"{@case}: {response.Status} {response.Body}");
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("X-Api-Key", response.Header("WWW-Authenticate"));
        var problem = response.Json();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(hint, problem.GetProperty("detail").GetString());
        var answer = string.Join('\n', response.Headers.Select(h => h.Value)) + response.Body;
        Assert.DoesNotContain(Key, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherKey, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("kkkk", answer, StringComparison.Ordinal);
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
    }

    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("x-api-key")]
    [InlineData("X-API-KEY")]
    public async Task The_header_name_is_matched_in_any_case(string name)
    {
        var response = await RawHttp.SendAsync(stack.Api.BaseUrl, "GET", "/api/v1/requests", [$"{name}: {Key}"]);

        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
    }

    [Fact]
    public async Task Spaces_around_the_key_are_not_part_of_it()
    {
        var response = await RawHttp.SendAsync(stack.Api.BaseUrl, "GET", "/api/v1/requests", [$"X-Api-Key: \t {Key} \t "]);

        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
    }

    [Fact]
    public async Task A_valid_key_with_an_Authorization_header_beside_it_is_accepted()
    {
        var response = await RawHttp.SendAsync(stack.Api.BaseUrl, "GET", "/api/v1/requests", [$"X-Api-Key: {Key}", "Authorization: Bearer something-a-proxy-added"]);

        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
    }

    [Fact]
    public async Task Each_kind_of_refusal_is_counted_under_its_own_reason()
    {
        var before = await ScrapeAsync();

        foreach (var headers in new[]
                 {
                     Array.Empty<string>(), [$"Authorization: Bearer {Key}"], [$"X-Api-Key: {Key}", $"X-Api-Key: {Key}"],
                     [$"X-Api-Key: {Key}{new string('k', MaximumKeyLength)}"], ["X-Api-Key: wrong-key-0123456789abcdef"],
                 })
        {
            Assert.Equal(401, (await RawHttp.SendAsync(stack.Api.BaseUrl, "GET", "/api/v1/requests", headers)).Status);
        }

        var reasons = new[] { "missing_key", "wrong_header", "several_keys", "key_too_long", "invalid_key" };
        var after = await Eventually.GetAsync(ScrapeAsync, scrape => reasons.All(r => Refused(scrape, r) >= Refused(before, r) + 1),
            "every refusal counted under its reason", TimeSpan.FromSeconds(10));
        Assert.All(reasons, r => Assert.Equal(Refused(before, r) + 1, Refused(after, r)));
    }

    private async Task<string> ScrapeAsync()
    {
        using var anonymous = stack.ApiClient.WithApiKey(null);
        return await anonymous.Http.GetStringAsync("/metrics");
    }

    private static double Refused(string scrape, string reason) =>
        RefusedLine().Matches(scrape).Where(m => m.Groups["reason"].Value == reason)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^hubspotcrm_api_authentication_refused_total\{[^}]*reason="(?<reason>[a-z_]+)"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex RefusedLine();
}
