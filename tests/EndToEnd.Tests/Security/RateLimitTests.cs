using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// Each API client has its own budget of /api/v1 requests (a token bucket: a burst, then a steady rate): a client
/// flooding the Api is refused with 429 while the others go on as if it were quiet. Each test runs its own Api with
/// client e2e limited to <see cref="PermitsPerSecond"/> after a burst of <see cref="Burst"/>; e2e-other has the default.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RateLimitTests(ServiceStack stack)
{
    private const int PermitsPerSecond = 1;
    private const int Burst = 5;
    private const int RequestsPerClient = 20;

    [Fact]
    public async Task A_client_over_its_limit_gets_429s_with_Retry_After_while_another_clients_requests_all_pass()
    {
        await using var api = await StartLimitedApiAsync("api-rate-limited");
        using var flooder = new ApiClient(api.BaseUrl);
        using var neighbour = new ApiClient(api.BaseUrl, ServiceStackOptions.OtherApiKey);
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        var clock = Stopwatch.StartNew();
        var flooding = Task.WhenAll(Enumerable.Range(0, RequestsPerClient).Select(_ => SubmitAsync(flooder)));
        var neighbouring = Task.WhenAll(Enumerable.Range(0, RequestsPerClient).Select(_ => SubmitAsync(neighbour)));
        var flooded = await flooding;
        var neighboured = await neighbouring;
        var elapsed = clock.Elapsed;

        Assert.All(neighboured, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        var accepted = flooded.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
        var refused = flooded.Where(r => r.Status != HttpStatusCode.Accepted).ToList();
        Assert.InRange(accepted.Count, Burst, Burst + (int)Math.Ceiling(elapsed.TotalSeconds * PermitsPerSecond));
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
            Assert.Equal("application/problem+json", r.ContentType);
            Assert.Equal(429, r.Body.GetProperty("status").GetInt32());
            Assert.Equal("Too many requests", r.Body.GetProperty("title").GetString());
            Assert.DoesNotContain(ServiceStackOptions.ApiKey, r.Body.GetRawText(), StringComparison.Ordinal);
            Assert.InRange(r.RetryAfterSeconds!.Value, 1, 1 + (Burst / PermitsPerSecond));
        });

        // After the time Retry-After named, the client's next request passes again.
        var retryAfter = TimeSpan.FromSeconds(refused.Max(r => r.RetryAfterSeconds!.Value));
        accepted.Add(await Eventually.GetAsync(() => SubmitAsync(flooder), r => r.Status == HttpStatusCode.Accepted,
            "the flooding client to be accepted again once Retry-After has passed", retryAfter + TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(250)));

        // Nothing about a refused request was stored, published or written to HubSpot.
        var acceptedCount = accepted.Count + neighboured.Length;
        Assert.Equal(rowsBefore + acceptedCount, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        await Eventually.TrueAsync(async () => await probe.CountAsync() >= acceptedCount, "the accepted commands on the bus");
        Assert.Equal((uint)acceptedCount, await probe.CountAsync());
        var written = accepted.Concat(neighboured).Select(r => r.Email).ToHashSet(StringComparer.Ordinal);
        var contacts = await Eventually.GetAsync(async () => (await stack.EmulatorControl.ObjectsAsync("contacts")).Select(c => c.Property("email")).ToHashSet(StringComparer.Ordinal),
            emails => written.IsSubsetOf(emails!), "every accepted contact in HubSpot", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(refused, r => contacts.Contains(r.Email));
    }

    [Fact]
    public async Task Refusals_are_counted_per_client_and_logged_with_the_clients_name_only()
    {
        await using var api = await StartLimitedApiAsync("api-rate-counted");
        using var flooder = new ApiClient(api.BaseUrl);

        var results = await Task.WhenAll(Enumerable.Range(0, RequestsPerClient).Select(_ => flooder.Http.GetAsync("/api/v1/requests")));
        var refusals = results.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        foreach (var result in results)
        {
            result.Dispose();
        }

        Assert.True(refusals >= RequestsPerClient - Burst - 2, $"only {refusals} of {RequestsPerClient} reads were refused");
        using var anonymous = new ApiClient(api.BaseUrl, apiKey: null);
        var scrape = await anonymous.Http.GetStringAsync("/metrics");
        var series = scrape.Split('\n').Where(l => l.StartsWith("hubspotcrm_api_rate_limited_total{", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(series);
        Assert.Contains($"client=\"{ServiceStackOptions.ApiClientName}\"", line);
        Assert.Equal(refusals, int.Parse(line[(line.IndexOf("} ", StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));
        await Eventually.TrueAsync(() => Task.FromResult(api.Output.Any(l => l.Contains("HTTP GET /api/v1/requests responded 429", StringComparison.Ordinal)
                                                                              && l.Contains($"\"Client\": \"{ServiceStackOptions.ApiClientName}\"", StringComparison.Ordinal))),
            "a request-log line for a 429 naming the client", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(api.Output, l => l.Contains(ServiceStackOptions.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_metrics_and_the_docs_are_never_limited()
    {
        await using var api = await StartLimitedApiAsync("api-rate-open-paths");
        using var flooder = new ApiClient(api.BaseUrl);

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/openapi/v1.json", "/api-docs/index.html" })
        {
            await SpendBucketAsync(flooder);

            var statuses = await Task.WhenAll(Enumerable.Range(0, RequestsPerClient).Select(async _ =>
            {
                using var response = await flooder.Http.GetAsync(path);
                return response.StatusCode;
            }));

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        }
    }

    [Fact]
    public async Task A_limit_for_a_client_without_a_key_stops_the_Api_at_start_naming_the_setting()
    {
        await using var api = ExtraApi.Create(stack, "api-rate-typo", settings => settings["RateLimits__Clients__e2e_typo__PermitsPerSecond"] = "5");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => api.StartAsync(TimeSpan.FromSeconds(60)));

        var output = string.Join('\n', api.Output);
        Assert.Contains("exited with code 78", error.Message);
        Assert.Contains("RateLimits:Clients:e2e_typo", output);
        Assert.DoesNotContain("   at ", output);
    }

    private async Task<ServiceProcess> StartLimitedApiAsync(string name)
    {
        var api = ExtraApi.Create(stack, name, settings =>
        {
            settings[$"RateLimits__Clients__{ServiceStackOptions.ApiClientName}__PermitsPerSecond"] = PermitsPerSecond.ToString(CultureInfo.InvariantCulture);
            settings[$"RateLimits__Clients__{ServiceStackOptions.ApiClientName}__Burst"] = Burst.ToString(CultureInfo.InvariantCulture);
        });
        try
        {
            await api.StartAsync();
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    /// <summary>Reads until the client is refused: its bucket is empty, and refills at one request a second.</summary>
    private static async Task SpendBucketAsync(ApiClient client)
    {
        for (var i = 0; i < Burst * 4; i++)
        {
            using var response = await client.Http.GetAsync("/api/v1/requests");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }
        Assert.Fail($"{Burst * 4} reads in a row were never refused");
    }

    private static async Task<Submission> SubmitAsync(ApiClient client)
    {
        var email = TestData.Email("rate-limited");
        using var response = await client.Http.PostAsJsonAsync(ApiCalls.Contact, TestData.Contact(email));
        var text = await response.Content.ReadAsStringAsync();
        int? retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null;
        return new Submission(email, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            JsonDocument.Parse(text).RootElement.Clone(), retryAfter);
    }

    private sealed record Submission(string Email, HttpStatusCode Status, string? ContentType, JsonElement Body, int? RetryAfterSeconds);
}
