using System.Net.Http.Headers;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// With Metrics:ApiKey set, the Api's and the Worker's /metrics answer only a scraper that sends it as a bearer token
/// (Prometheus' <c>authorization</c> scrape setting); /health stays open for probes. Without it, /metrics is open, as
/// <see cref="ApiKeyTests"/> shows.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class MetricsKeyTests(ServiceStack stack)
{
    private const string MetricsKey = "metrics-key-0123456789abcdef";

    private static readonly (string Case, string[] HeaderLines)[] Refusals =
    [
        ("no key", []),
        ("wrong key", ["Authorization: Bearer wrong-metrics-key-0123456789"]),
        ("another scheme", [$"Authorization: Basic {MetricsKey}"]),
        ("no scheme", [$"Authorization: {MetricsKey}"]),
        ("an API key header", [$"X-Api-Key: {MetricsKey}"]),
        ("an API client's key", [$"X-Api-Key: {ServiceStackOptions.ApiKey}"]),
        ("twice", [$"Authorization: Bearer {MetricsKey}", $"Authorization: Bearer {MetricsKey}"]),
        ("too long", [$"Authorization: Bearer {MetricsKey}{new string('k', 300)}"]),
        ("empty", ["Authorization: Bearer "]),
    ];

    /// <summary>Every refusal against one Api and Worker: a pair per case started 18 services for the same answers.</summary>
    [Fact]
    public async Task The_metrics_of_both_services_need_the_key_and_refusals_never_repeat_what_was_sent()
    {
        await using var services = await KeyedServices.StartAsync(stack, MetricsKey);

        foreach (var (service, @case, headerLines) in from service in new[] { services.Api, services.Worker }
                                                      from refusal in Refusals
                                                      select (service, refusal.Case, refusal.HeaderLines))
        {
            var response = await RawHttp.SendAsync(service.BaseUrl, "GET", "/metrics", headerLines);

            Assert.True(response.Status == 401, $"{service.Name}, {@case}: {response.Status} {response.Body}");
            Assert.StartsWith("application/problem+json", response.Header("Content-Type"));
            Assert.StartsWith("Bearer", response.Header("WWW-Authenticate"));
            var problem = response.Json();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Contains("Metrics:ApiKey", problem.GetProperty("detail").GetString());
            Assert.DoesNotContain("metrics-key", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("target_info", response.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_the_key_both_services_serve_their_metrics_health_stays_open_the_key_opens_nothing_else_and_is_never_logged()
    {
        await using var services = await KeyedServices.StartAsync(stack, MetricsKey);

        foreach (var (service, series) in new[] { (services.Api, "service_name=\"HubSpotCrm.Api\""), (services.Worker, "service_name=\"HubSpotCrm.Worker\"") })
        {
            using var scraper = new HttpClient { BaseAddress = service.BaseUrl };
            scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey);
            using var anonymous = new HttpClient { BaseAddress = service.BaseUrl };

            var metrics = await scraper.GetStringAsync("/metrics");

            Assert.Contains(series, metrics);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        }
        using var client = new ApiClient(services.Api.BaseUrl);
        Assert.Equal("succeeded", (await client.SubmitAndWaitAsync(ApiCalls.Contact, TestData.Contact())).Status());
        using var operatorAsClient = new ApiClient(services.Api.BaseUrl, MetricsKey);
        using (var refused = await operatorAsClient.Http.GetAsync("/api/v1/requests"))
        {
            await refused.ProblemAsync(HttpStatusCode.Unauthorized);
        }
        Assert.DoesNotContain(services.Api.Output.Concat(services.Worker.Output), l => l.Contains(MetricsKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HubSpotCrm.Api", "short-key")]
    [InlineData("HubSpotCrm.Worker", "short-key")]
    [InlineData("HubSpotCrm.Worker", "a metrics key with spaces")]
    public async Task A_metrics_key_that_is_too_short_or_not_one_token_stops_the_service_at_start(string project, string key)
    {
        await using var service = project == "HubSpotCrm.Api"
            ? ExtraApi.Create(stack, "api-bad-metrics-key", settings => settings["Metrics__ApiKey"] = key)
            : ExtraWorker.Create(stack, "worker-bad-metrics-key", settings => KeyedServices.DemoWorker(stack, settings, key));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(TimeSpan.FromSeconds(60)));

        var output = string.Join('\n', service.Output);
        Assert.Contains("exited with code 78", error.Message);
        Assert.Contains("Metrics:ApiKey", output);
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output);
    }

    /// <summary>An Api beside the stack's and a demo Worker on a virtual host of its own, both with a metrics key.</summary>
    private sealed class KeyedServices : IAsyncDisposable
    {
        private readonly IsolatedVirtualHost _vhost;

        private KeyedServices(IsolatedVirtualHost vhost, ServiceProcess api, ServiceProcess worker)
        {
            _vhost = vhost;
            Api = api;
            Worker = worker;
        }

        public ServiceProcess Api { get; }

        public ServiceProcess Worker { get; }

        public static async Task<KeyedServices> StartAsync(ServiceStack stack, string key)
        {
            var vhost = await IsolatedVirtualHost.CreateAsync(stack.Servers);
            var api = ExtraApi.Create(stack, "api-metrics-key", settings => settings["Metrics__ApiKey"] = key, vhost.AmqpUri);
            var worker = ExtraWorker.Create(stack, "worker-metrics-key", settings => DemoWorker(stack, settings, key), vhost.AmqpUri);
            var services = new KeyedServices(vhost, api, worker);
            try
            {
                await Task.WhenAll(api.StartAsync(), worker.StartAsync());
            }
            catch
            {
                await services.DisposeAsync();
                throw;
            }
            return services;
        }

        public static void DemoWorker(ServiceStack stack, Dictionary<string, string> settings, string key)
        {
            settings["DemoMode__Enabled"] = "true";
            settings["DemoMode__EmulatorUrl"] = stack.Emulator.BaseUrl.ToString();
            settings["Metrics__ApiKey"] = key;
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await Worker.DisposeAsync();
            await _vhost.DisposeAsync();
        }
    }
}
