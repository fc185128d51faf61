using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// An amqps:// broker address means TLS on every connection the services make, checked against a CA they trust and
/// the address's host name, and never plain AMQP with the credentials in clear. The shared RabbitMQ has no TLS
/// listener: the tests put their own in front of it, with a CA and certificates they make.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BrokerTlsTests(ServiceStack stack) : IDisposable
{
    private readonly TestCertificateAuthority _ca = new("HubSpot CRM test broker CA");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"broker-tls-{Guid.NewGuid():N}");

    [Fact]
    public async Task Over_amqps_a_contact_goes_end_to_end_and_every_connection_of_the_Api_the_Worker_and_redrive_is_TLS()
    {
        var caFile = _ca.WritePem(_directory);
        using var certificate = _ca.IssueServerCertificate("127.0.0.1");
        await using var vhost = await IsolatedVirtualHost.CreateAsync(stack.Servers);
        await using var apiProxy = new TlsTerminatingProxy(certificate, stack.Servers.AmqpUri);
        await using var workerProxy = new TlsTerminatingProxy(certificate, stack.Servers.AmqpUri);
        await using var api = Api("api-tls", apiProxy.AmqpsUri(vhost.AmqpUri), s => s["RabbitMq__CaCertificateFile"] = caFile);
        await using var worker = Worker("worker-tls", workerProxy.AmqpsUri(vhost.AmqpUri), s => s["RabbitMq__CaCertificateFile"] = caFile);
        await Task.WhenAll(api.StartAsync(), worker.StartAsync());

        using var client = new ApiClient(api.BaseUrl);
        var email = TestData.Email("tls");
        var body = TestData.Contact(email);
        var key = Guid.NewGuid().ToString();
        // A cold process's first publish can outlast the publish timeout on a busy machine; the 503 says to retry with the key.
        using var accepted = await Eventually.GetAsync(() => client.PostAsync(ApiCalls.Contact, body, key), r => r.StatusCode == HttpStatusCode.Accepted,
            "the TLS Api to accept the contact", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        var status = await client.WaitForFinalAsync((await accepted.JsonAsync()).RequestId());
        Assert.Equal("succeeded", status.Status());
        Assert.Contains(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email") == email);

        // A command the Worker refuses goes to _error over its broker-administration connection; redrive brings it back over its own.
        var marker = $"tls{Guid.NewGuid():N}";
        await vhost.Management.PublishAsync("hubspot.upsert-contact", "", $$"""{"requestId":"{{Guid.NewGuid()}}","emial":"{{marker}}@example.com"}""");
        await Eventually.TrueAsync(async () => (await vhost.Management.PeekAsync("hubspot.upsert-contact_error")).Any(m => m.Payload.Contains(marker, StringComparison.Ordinal)),
            "the refused command in hubspot.upsert-contact_error");
        var redrive = await RedriveProcess.RunAsync(workerProxy.AmqpsUri(vhost.AmqpUri), s => s["RabbitMq__CaCertificateFile"] = caFile);
        Assert.True(redrive.ExitCode == 0, redrive.Output);
        Assert.Contains("Moved 1 message(s)", redrive.Output);

        await SawTlsConnectionsAsync(apiProxy, "HubSpotCrm.Api", "HubSpotCrm.Api administration");
        await SawTlsConnectionsAsync(workerProxy, "HubSpotCrm.Worker", "HubSpotCrm.Worker administration", "hubspot-crm-redrive");
        Assert.All(apiProxy.Connections.Concat(workerProxy.Connections), c => Assert.True(c.StartsWithTls, c.ToString()));
    }

    [Fact]
    public async Task With_amqps_the_Api_the_Worker_and_redrive_open_every_connection_with_a_TLS_ClientHello_never_the_plain_AMQP_header()
    {
        var caFile = _ca.WritePem(_directory);
        await using var apiListener = new FirstBytesListener();
        await using var workerListener = new FirstBytesListener();
        await using var redriveListener = new FirstBytesListener();
        await using var api = Api("api-amqps-listener", Amqps(apiListener.Port), s => s["RabbitMq__CaCertificateFile"] = caFile);
        await using var worker = Worker("worker-amqps-listener", Amqps(workerListener.Port), s => s["RabbitMq__CaCertificateFile"] = caFile);

        await Task.WhenAll(
            Assert.ThrowsAsync<TimeoutException>(() => api.StartAsync(TimeSpan.FromSeconds(10))),
            Assert.ThrowsAsync<TimeoutException>(() => worker.StartAsync(TimeSpan.FromSeconds(10))));
        var redrive = await RedriveProcess.RunAsync(Amqps(redriveListener.Port), s => s["RabbitMq__CaCertificateFile"] = caFile);

        Assert.NotEqual(0, redrive.ExitCode);
        // More than one attempt each: a service that failed with TLS must not try again without it.
        foreach (var listener in new[] { apiListener, workerListener })
        {
            await Eventually.TrueAsync(() => Task.FromResult(listener.Connections.Count >= 3), "three connection attempts", TimeSpan.FromSeconds(60));
        }
        var all = apiListener.Connections.Concat(workerListener.Connections).Concat(redriveListener.Connections).ToList();
        Assert.NotEmpty(redriveListener.Connections);
        Assert.DoesNotContain(all, c => c.StartsWithAmqpHeader);
        Assert.All(all, c => Assert.True(c.StartsWithTls, c.ToString()));
    }

    [Theory]
    [InlineData("from another CA", "is not issued by a trusted CA")]
    [InlineData("for another name", "does not name 127.0.0.1")]
    public async Task A_broker_certificate_it_must_not_trust_is_refused_never_worked_around_and_readiness_and_the_log_say_why(string certificateIs, string reason)
    {
        var caFile = _ca.WritePem(_directory);
        using var otherCa = new TestCertificateAuthority("Somebody else's CA");
        using var certificate = certificateIs == "from another CA" ? otherCa.IssueServerCertificate("127.0.0.1") : _ca.IssueServerCertificate("broker.invalid");
        await using var proxy = new TlsTerminatingProxy(certificate, stack.Servers.AmqpUri);
        await using var api = Api("api-untrusted", proxy.AmqpsUri(stack.Broker.AmqpUri), s => s["RabbitMq__CaCertificateFile"] = caFile);
        await using var worker = Worker("worker-untrusted", proxy.AmqpsUri(stack.Broker.AmqpUri), s => s["RabbitMq__CaCertificateFile"] = caFile);

        await Task.WhenAll(
            Assert.ThrowsAsync<TimeoutException>(() => api.StartAsync(TimeSpan.FromSeconds(10))),
            Assert.ThrowsAsync<TimeoutException>(() => worker.StartAsync(TimeSpan.FromSeconds(10))));

        foreach (var service in new[] { api, worker })
        {
            var readiness = await Eventually.GetAsync(() => ReadinessAsync(service), r => BrokerCheck(r).Contains(reason, StringComparison.Ordinal),
                $"{service.Name}'s readiness to say why it does not trust the broker", TimeSpan.FromSeconds(60));
            Assert.Equal("Unhealthy", readiness.GetProperty("status").GetString());
            Assert.Contains(service.Output, line => line.Contains(reason, StringComparison.Ordinal));
            Assert.DoesNotContain(service.Output, line => line.Contains("guest:guest", StringComparison.Ordinal));
        }
        Assert.NotEmpty(proxy.Connections);
        Assert.All(proxy.Connections, c => Assert.True(c.StartsWithTls && c.ClientName is null, c.ToString()));
    }

    [Theory]
    [InlineData("SSL_CERT_FILE")]
    [InlineData("SSL_CERT_DIR")]
    public async Task Without_a_CA_setting_the_system_trust_store_decides_and_SSL_CERT_FILE_or_SSL_CERT_DIR_extend_it_to_a_private_CA(string variable)
    {
        var caFile = _ca.WritePem(_directory);
        using var certificate = _ca.IssueServerCertificate("127.0.0.1");
        await using var vhost = await IsolatedVirtualHost.CreateAsync(stack.Servers);
        await using var proxy = new TlsTerminatingProxy(certificate, stack.Servers.AmqpUri);
        await using var api = Api("api-system-trust", proxy.AmqpsUri(vhost.AmqpUri),
            s => s[variable] = variable == "SSL_CERT_FILE" ? caFile : $"/etc/ssl/certs:{_directory}");

        await api.StartAsync();

        await SawTlsConnectionsAsync(proxy, "HubSpotCrm.Api", "HubSpotCrm.Api administration");
    }

    private Uri Amqps(int port) => new UriBuilder(stack.Broker.AmqpUri) { Scheme = "amqps", Host = "127.0.0.1", Port = port }.Uri;

    private ServiceProcess Api(string name, Uri amqpUri, Action<Dictionary<string, string>> configure) =>
        ExtraApi.Create(stack, name, settings =>
        {
            settings["RabbitMq__ConsumerCheckInterval"] = "00:00:01";
            configure(settings);
        }, amqpUri);

    /// <summary>A Worker like the stack's (Development, the emulator, the test's credentials), on <paramref name="amqpUri"/>.</summary>
    private ServiceProcess Worker(string name, Uri amqpUri, Action<Dictionary<string, string>> configure) =>
        ExtraWorker.Create(stack, name, settings =>
        {
            foreach (var (key, value) in stack.Options.Worker)
            {
                settings[key] = value;
            }
            settings["HubSpot__BaseUrl"] = stack.Emulator.BaseUrl.ToString();
            settings["RabbitMq__ConsumerCheckInterval"] = "00:00:01";
            configure(settings);
        }, amqpUri);

    private static Task SawTlsConnectionsAsync(TlsTerminatingProxy proxy, params string[] clientNames) =>
        Eventually.GetAsync(() => Task.FromResult(string.Join("; ", proxy.Connections)), _ => proxy.ClientNames.IsSupersetOf(clientNames),
            $"TLS connections named {string.Join(", ", clientNames)}", TimeSpan.FromSeconds(30));

    private static async Task<JsonElement> ReadinessAsync(ServiceProcess service)
    {
        using var http = new HttpClient { BaseAddress = service.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return await response.JsonAsync();
        }
        catch (HttpRequestException)
        {
            return default;
        }
    }

    private static string BrokerCheck(JsonElement readiness) =>
        readiness.ValueKind == JsonValueKind.Object && readiness.GetProperty("checks").TryGetProperty("broker", out var broker)
            ? broker.GetProperty("description").GetString() ?? ""
            : "";

    public void Dispose()
    {
        _ca.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
