using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>A broker address or trust setting the services cannot honour stops them at start, saying which and why.</summary>
[Collection(StackCollection.Name)]
public sealed class BrokerSettingsTests(ServiceStack stack) : IDisposable
{
    private const string Password = "s3cret-broker-password";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"broker-settings-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("http://guest:" + Password + "@127.0.0.1:5672/", null, "RabbitMq:Uri must start with amqp:// or amqps://")]
    [InlineData("amqps://guest:" + Password + "@127.0.0.1/", "missing.pem", "RabbitMq:CaCertificateFile")]
    [InlineData("amqps://guest:" + Password + "@127.0.0.1/", "not-a-certificate.pem", "holds no PEM certificate")]
    [InlineData("amqp://guest:" + Password + "@127.0.0.1/", "ca.pem", "RabbitMq:Uri is amqp://, which does not use TLS")]
    public async Task A_broker_setting_it_cannot_honour_stops_the_service_with_one_line_naming_it(string uri, string? caFile, string says)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "not-a-certificate.pem"), "not a certificate\n");
        using (var ca = new TestCertificateAuthority("Settings test CA"))
        {
            ca.WritePem(_directory, "ca.pem");
        }
        await using var api = ExtraApi.Create(stack, "api-broker-settings", settings =>
        {
            if (caFile is not null)
            {
                settings["RabbitMq__CaCertificateFile"] = Path.Combine(_directory, caFile);
            }
        }, new Uri(uri));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => api.StartAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("exited with code 78", refused.Message);
        var output = string.Join('\n', api.Output);
        Assert.Contains(api.Output, line => line.StartsWith("HubSpotCrm.Api cannot start:", StringComparison.Ordinal) && line.Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(Password, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Redrive_refuses_an_address_that_is_not_amqp_or_amqps_instead_of_connecting_some_other_way()
    {
        var redrive = await RedriveProcess.RunAsync(new Uri($"http://guest:{Password}@127.0.0.1:5672/"), _ => { });

        Assert.NotEqual(0, redrive.ExitCode);
        Assert.Contains("RabbitMq:Uri must start with amqp:// or amqps://", redrive.Output);
        Assert.DoesNotContain("Moved", redrive.Output);
        Assert.DoesNotContain(Password, redrive.Output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
