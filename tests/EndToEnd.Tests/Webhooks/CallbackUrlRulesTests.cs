using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>
/// An Api as it runs in production as far as callbacks go (https only, public addresses only), on a virtual host and
/// database of its own, with no Worker: every case it is given is refused at submit, so nothing is ever sent.
/// </summary>
public sealed class StrictCallbackApi : IAsyncLifetime
{
    private IsolatedVirtualHost _broker = null!;
    private IsolatedDatabase _database = null!;
    private ServiceProcess _api = null!;

    public ApiClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        _broker = await IsolatedVirtualHost.CreateAsync(servers);
        _database = await IsolatedDatabase.CreateAsync(servers);
        var settings = new Dictionary<string, string>(new ServiceStackOptions().Api)
        {
            ["RabbitMq__Uri"] = _broker.Users.Api.AmqpUri.ToString(),
            ["ConnectionStrings__Requests"] = _database.ConnectionString,
            [$"Webhooks__Clients__{ServiceStackOptions.ApiClientName}__Url"] = "https://hooks.example.com/e2e",
            [$"Webhooks__Clients__{ServiceStackOptions.ApiClientName}__Secret"] = WebhookStack.Secret,
            [$"Webhooks__Clients__{ServiceStackOptions.ApiClientName}__AllowedCallbackPrefixes__0"] = "https://hooks.example.com/",
            [$"Webhooks__Clients__{ServiceStackOptions.OtherApiClientName}__Url"] = "https://hooks.example.com/other",
            [$"Webhooks__Clients__{ServiceStackOptions.OtherApiClientName}__Secret"] = WebhookStack.Secret,
        };
        _api = new ServiceProcess("api-strict-callbacks", "HubSpotCrm.Api", FreePort.Next(), settings);
        await _api.StartAsync();
        Client = new ApiClient(_api.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await _api.DisposeAsync();
        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>The guard against server-side request forgery: https only, public addresses only, and only under the client's allowed prefixes.</summary>
public sealed class CallbackUrlRulesTests(StrictCallbackApi strict) : IClassFixture<StrictCallbackApi>
{
    private ApiClient Client => strict.Client;

    [Theory]
    [InlineData("https://elsewhere.example.com/hook", "prefixes")]
    [InlineData("http://hooks.example.com/hook", "https")]
    [InlineData("https://127.0.0.1/hook", "loopback, private or link-local")]
    [InlineData("https://10.1.2.3/hook", "loopback, private or link-local")]
    [InlineData("https://[::1]/hook", "loopback, private or link-local")]
    [InlineData("https://169.254.169.254/latest/meta-data", "loopback, private or link-local")]
    [InlineData("https://localhost/hook", "loopback, private or link-local")]
    [InlineData("https://user:secret@hooks.example.com/hook", "user name or password")]
    [InlineData("/relative/hook", "absolute https URL")]
    public async Task A_bad_callback_url_is_refused_with_422_at_submit(string callbackUrl, string reason)
    {
        using var response = await Client.PostWithCallbackAsync(WebhookCalls.Contact, TestData.Contact(), callbackUrl);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("Callback-Url")[0].GetString());
    }

    [Fact]
    public async Task A_client_without_allowed_prefixes_cannot_name_a_callback_url()
    {
        using var other = Client.WithApiKey(ServiceStackOptions.OtherApiKey);

        using var response = await other.PostWithCallbackAsync(WebhookCalls.Contact, TestData.Contact(), "https://hooks.example.com/hook");

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no callback URL prefixes", problem.GetProperty("errors").GetProperty("Callback-Url")[0].GetString());
    }

    [Fact]
    public async Task A_bad_callback_url_on_a_bulk_submission_is_refused_with_422_too()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Batches.BatchCalls.Contacts)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { items = new[] { TestData.Contact() } }),
        };
        request.Headers.TryAddWithoutValidation("Callback-Url", "https://10.1.2.3/hook");

        using var response = await Client.Http.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
