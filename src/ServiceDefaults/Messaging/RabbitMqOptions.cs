using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>
/// Where the broker is. One AMQP URI carries host, port, credentials and virtual host; amqps:// means TLS, with the
/// broker's certificate checked against its host name and a trusted CA.
/// </summary>
public sealed class RabbitMqOptions : IValidatableObject
{
    public const string SectionName = "RabbitMq";

    public const int PlainPort = 5672;

    public const int TlsPort = 5671;

    /// <summary>e.g. amqp://guest:guest@localhost:5672/ or amqps://user:pass@broker.example/crm (the path is the virtual host; empty means "/").</summary>
    [Required]
    public Uri Uri { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>
    /// The nodes of a RabbitMQ cluster as host:port (port 5672, or 5671 for amqps://, when left out), instead of the
    /// host and port of <see cref="Uri"/>, whose credentials and virtual host still apply. A connection goes to the
    /// next node when one is down. Plain AMQP only: with TLS every node's certificate would have to be checked against
    /// its own name, which MassTransit's cluster connection cannot do (it checks one name for all).
    /// </summary>
    public IList<string> Nodes { get; set; } = [];

    /// <summary>The type of the service's durable queues (<see cref="BrokerQueueType"/>): quorum unless an existing deployment still has classic ones.</summary>
    public BrokerQueueType QueueType { get; set; } = BrokerQueueType.Quorum;

    /// <summary>
    /// A PEM file of the CA certificates the broker's certificate must chain to, instead of the system trust store: for a
    /// broker whose certificate a private CA signed. It trusts those CAs for the broker only, not for HubSpot.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>How long a request path waits for the broker to confirm a message before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Longest wait for a send, a publish or an endpoint stop inside the service (not on request paths, which
    /// <see cref="PublishTimeout"/> bounds). Past it the process restarts through its supervisor.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the consumer watchdog asks the broker whether this process's queues have a consumer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ConsumerCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a queue's received messages may sit unfinished with none finishing before the watchdog calls its
    /// consumers stuck; longer than the slowest batch (HubSpot:Retry:TotalTimeout bounds its calls).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ConsumerStallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public bool UsesTls => string.Equals(Uri.Scheme, "amqps", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host name as the broker's certificate must name it (an IPv6 address without its brackets).</summary>
    public string Host => Uri.IdnHost;

    public int Port => Uri.IsDefaultPort || Uri.Port <= 0 ? UsesTls ? TlsPort : PlainPort : Uri.Port;

    public string VirtualHost => Uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

    public string Username => UserInfoPart(0) ?? "guest";

    public string Password => UserInfoPart(1) ?? "guest";

    /// <summary>The broker's nodes as (host, port): those of <see cref="Nodes"/>, or the one of <see cref="Uri"/>.</summary>
    public IReadOnlyList<(string Host, int Port)> Endpoints() => Nodes.Count == 0
        ? [(Host, Port)]
        : [.. Nodes.Select(node => ParseNode(node) ?? throw new InvalidOperationException($"RabbitMq:Nodes holds {node}, which is not host:port."))];

    private (string Host, int Port)? ParseNode(string node)
    {
        var trimmed = node.Trim();
        var colon = trimmed.LastIndexOf(':');
        // An IPv6 address is written in brackets, [::1]:5672, so its own colons are not taken for the port's.
        var hasPort = colon > 0 && !trimmed[colon..].Contains(']', StringComparison.Ordinal);
        var host = (hasPort ? trimmed[..colon] : trimmed).Trim('[', ']');
        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || host.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }
        if (!hasPort)
        {
            return (host, UsesTls ? TlsPort : PlainPort);
        }
        return int.TryParse(trimmed[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
               && port is > 0 and <= ushort.MaxValue
            ? (host, port)
            : null;
    }

    /// <summary>The CA certificates of <see cref="CaCertificateFile"/>, or null to trust the system's.</summary>
    public X509Certificate2Collection? TrustedCaCertificates()
    {
        if (CaCertificateFile is null)
        {
            return null;
        }
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(CaCertificateFile);
        return certificates;
    }

    private string? UserInfoPart(int index)
    {
        var parts = Uri.UserInfo.Split(':', 2);
        return parts.Length > index && parts[index].Length > 0 ? Uri.UnescapeDataString(parts[index]) : null;
    }

    /// <summary>Never echoes the URI: it holds the broker password.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.IsAbsoluteUri || Uri.Scheme is not ("amqp" or "amqps"))
        {
            var scheme = Uri.IsAbsoluteUri ? $"{Uri.Scheme}://" : "a relative address";
            yield return new ValidationResult($"RabbitMq:Uri must start with amqp:// or amqps:// (TLS), not {scheme}.", [nameof(Uri)]);
            yield break;
        }
        foreach (var node in Nodes.Where(n => ParseNode(n) is null))
        {
            yield return new ValidationResult($"RabbitMq:Nodes holds '{node}', which is not host:port (for example rabbit-1.internal:5672).", [nameof(Nodes)]);
        }
        if (Nodes.Count > 0 && UsesTls)
        {
            yield return new ValidationResult(
                "RabbitMq:Nodes is set and RabbitMq:Uri is amqps://: a list of nodes works over plain AMQP only. Over TLS, name one address " +
                "(a load balancer or DNS name in front of the nodes, which each node's certificate names) in RabbitMq:Uri and leave RabbitMq:Nodes empty.",
                [nameof(Nodes)]);
        }
        if (CaCertificateFile is null)
        {
            yield break;
        }
        if (!UsesTls)
        {
            yield return new ValidationResult(
                "RabbitMq:CaCertificateFile is set, but RabbitMq:Uri is amqp://, which does not use TLS: use amqps:// to reach the broker over TLS.",
                [nameof(CaCertificateFile)]);
        }
        else if (!File.Exists(CaCertificateFile))
        {
            yield return new ValidationResult($"RabbitMq:CaCertificateFile {CaCertificateFile} does not exist.", [nameof(CaCertificateFile)]);
        }
        else if (!HoldsCertificates())
        {
            yield return new ValidationResult($"RabbitMq:CaCertificateFile {CaCertificateFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----).",
                [nameof(CaCertificateFile)]);
        }
    }

    private bool HoldsCertificates()
    {
        try
        {
            return TrustedCaCertificates() is { Count: > 0 };
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
