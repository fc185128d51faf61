using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>
/// The guard against server-side request forgery, on an Api as it runs in production: https only, public addresses
/// only, and only under the client's allowed prefixes. Every case is refused at submit, so nothing is ever sent. The
/// strict Api has a virtual host of its own: on the stack's it would take a share of the stack's deliveries.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class CallbackUrlRulesTests(WebhookStack stack) : IAsyncLifetime
{
    private IsolatedVirtualHost _broker = null!;
    private ServiceProcess _api = null!;
    private ApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _broker = await IsolatedVirtualHost.CreateAsync(stack.Servers);
        _api = ExtraApi.Create(stack, "api-strict-callbacks", amqpUri: _broker.Users.Api.AmqpUri, configure: settings =>
        {
            settings.Remove("Webhooks__AllowPrivateTargets");
            settings.Remove("Webhooks__AllowHttp");
            settings[$"Webhooks__Clients__{ServiceStackOptions.ApiClientName}__Url"] = "https://hooks.example.com/e2e";
            settings[$"Webhooks__Clients__{ServiceStackOptions.ApiClientName}__AllowedCallbackPrefixes__0"] = "https://hooks.example.com/";
            settings.Remove($"Webhooks__Clients__{ServiceStackOptions.OtherApiClientName}__AllowedCallbackPrefixes__0");
            settings.Remove($"Webhooks__Clients__{ServiceStackOptions.ThirdApiClientName}__AllowedCallbackPrefixes__0");
            settings.Remove($"Webhooks__Clients__{ServiceStackOptions.OtherApiClientName}__Url");
            settings.Remove($"Webhooks__Clients__{ServiceStackOptions.ThirdApiClientName}__Url");
        });
        await _api.StartAsync();
        _client = new ApiClient(_api.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _broker.DisposeAsync();
    }

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
        using var response = await _client.PostWithCallbackAsync(WebhookCalls.Contact, TestData.Contact(), callbackUrl);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("Callback-Url")[0].GetString());
    }

    [Fact]
    public async Task A_client_without_allowed_prefixes_cannot_name_a_callback_url()
    {
        using var other = _client.WithApiKey(ServiceStackOptions.OtherApiKey);

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

        using var response = await _client.Http.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
