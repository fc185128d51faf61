using System.Net.Security;
using HubSpotCrm.ServiceDefaults.Messaging;

namespace HubSpotCrm.Worker.Tests.Messaging;

/// <summary>The broker connections the Worker opens beside MassTransit's take TLS, port and address from RabbitMq:Uri alone.</summary>
public sealed class BrokerConnectionsTests
{
    [Theory]
    [InlineData("amqps://crm:secret@broker.example/crm", 5671, true)]
    [InlineData("amqps://crm:secret@broker.example:6671/crm", 6671, true)]
    [InlineData("amqp://crm:secret@broker.example/crm", 5672, false)]
    [InlineData("amqp://crm:secret@broker.example:5671/crm", 5671, false)]
    public void TLS_follows_the_scheme_not_the_port_and_amqps_defaults_to_5671(string uri, int port, bool tls)
    {
        var factory = new RabbitMqOptions { Uri = new Uri(uri) }.CreateConnectionFactory("hubspot-crm-test");

        Assert.Equal(("broker.example", port, "crm", "crm", "secret"), (factory.HostName, factory.Port, factory.VirtualHost, factory.UserName, factory.Password));
        Assert.Equal("hubspot-crm-test", factory.ClientProvidedName);
        Assert.Equal(tls, factory.Ssl.Enabled);
        if (tls)
        {
            Assert.Equal("broker.example", factory.Ssl.ServerName);
            Assert.Equal(SslPolicyErrors.None, factory.Ssl.AcceptablePolicyErrors);
            Assert.NotNull(factory.Ssl.CertificateValidationCallback);
        }
    }
}
