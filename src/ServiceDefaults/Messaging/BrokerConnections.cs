using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using System.Security.Authentication;
using HubSpotCrm.ServiceDefaults.Hosting;
using MassTransit;
using RabbitMQ.Client;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// The one place that turns <see cref="RabbitMqOptions"/> into broker connections, MassTransit's and the ones the
/// services open with RabbitMQ.Client beside it, so that all of them use TLS exactly when RabbitMq:Uri says amqps://
/// and check the broker's certificate alike. Neither library does that from the URI alone: MassTransit decides TLS by
/// the port (5671) and then accepts any certificate chain, RabbitMQ.Client accepts a certificate for another name.
/// </summary>
public static class BrokerConnections
{
    /// <summary>A RabbitMQ.Client factory for a connection of the service's own, named <paramref name="clientName"/> in the broker.</summary>
    public static ConnectionFactory CreateConnectionFactory(this RabbitMqOptions options, string clientName)
    {
        EnsureValid(options);
        return new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VirtualHost,
            UserName = options.Username,
            Password = options.Password,
            ClientProvidedName = clientName,
            Ssl = options.Tls(),
        };
    }

    /// <summary>A connection of <paramref name="factory"/>'s to the first node of <see cref="RabbitMqOptions.Endpoints"/> that answers.</summary>
    public static Task<IConnection> ConnectAsync(this ConnectionFactory factory, RabbitMqOptions options, CancellationToken cancellationToken) =>
        factory.CreateConnectionAsync([.. options.Endpoints().Select(e => new AmqpTcpEndpoint(e.Host, e.Port, factory.Ssl))],
            factory.ClientProvidedName, cancellationToken);

    /// <summary>MassTransit's broker host, on the address, credentials and TLS of <paramref name="options"/>.</summary>
    public static void Host(this IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions options, string connectionName, Action<IRabbitMqHostConfigurator> configure)
    {
        EnsureValid(options);
        cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, connectionName, h =>
        {
            h.Username(options.Username);
            h.Password(options.Password);
            // MassTransit hands over its RabbitMQ.Client factory before each connection: it gets the same TLS as ours,
            // whatever MassTransit made of the port, and like ours reads the CA file again, so a renewed one needs no restart.
            h.OnRefreshConnectionFactory = factory =>
            {
                factory.Ssl = options.Tls();
                return Task.CompletedTask;
            };
            if (options.Nodes.Count > 0)
            {
                h.UseCluster(cluster =>
                {
                    foreach (var (host, port) in options.Endpoints())
                    {
                        cluster.Node($"{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");
                    }
                });
            }
            configure(h);
        });
    }

    /// <summary>
    /// The services validate their options at start; a command such as redrive reads them without, and must refuse an
    /// address it cannot honour as they do rather than connect some other way.
    /// </summary>
    private static void EnsureValid(RabbitMqOptions options)
    {
        if (options.Validate(new ValidationContext(options)).FirstOrDefault() is { ErrorMessage: { } problem })
        {
            throw new MissingSettingException(problem);
        }
    }

    private static SslOption Tls(this RabbitMqOptions options) => options.UsesTls
        ? new SslOption(options.Host, enabled: true)
        {
            // The platform's choice: TLS 1.2 or 1.3.
            Version = SslProtocols.None,
            AcceptablePolicyErrors = SslPolicyErrors.None,
            CertificateValidationCallback = new BrokerCertificateValidation(options.Host, options.TrustedCaCertificates(), options.CaCertificateFile).Validate,
        }
        : new SslOption { Enabled = false };
}
