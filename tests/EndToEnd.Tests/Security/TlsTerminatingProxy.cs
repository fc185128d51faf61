using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// A TLS listener on loopback in front of the shared RabbitMQ, which has none: it terminates TLS with a certificate the
/// test made and forwards the decrypted stream to the broker's plain port. It records, for every connection, the first
/// bytes the client sent, whether the handshake completed, and the AMQP connection name the client gave inside TLS, so
/// a test can tell which of a service's connections went through TLS.
/// </summary>
public sealed class TlsTerminatingProxy : IAsyncDisposable
{
    private const int ObservedClientBytes = 8 * 1024;

    private readonly X509Certificate2 _certificate;
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ObservedConnection> _connections = new();
    private readonly ConcurrentBag<Task> _forwarding = [];
    private readonly Task _accepting;

    public TlsTerminatingProxy(X509Certificate2 certificate, Uri broker)
    {
        _certificate = certificate;
        _upstreamHost = broker.Host;
        _upstreamPort = broker.IsDefaultPort ? 5672 : broker.Port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyCollection<ObservedConnection> Connections => _connections;

    /// <summary>The connection names of the AMQP connections that were made through TLS.</summary>
    public IReadOnlySet<string> ClientNames => _connections.Select(c => c.ClientName).OfType<string>().ToHashSet();

    /// <summary><paramref name="brokerUri"/> (its credentials and virtual host) as amqps:// to this listener.</summary>
    public Uri AmqpsUri(Uri brokerUri) => new UriBuilder(brokerUri) { Scheme = "amqps", Host = "127.0.0.1", Port = Port }.Uri;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _forwarding.Add(ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        try
        {
            var connection = new ObservedConnection { FirstBytes = await PeekAsync(client) };
            _connections.Enqueue(connection);
            await using var socket = new NetworkStream(client, ownsSocket: true);
            if (!connection.StartsWithTls)
            {
                return;
            }
            await using var tls = new SslStream(socket);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
            {
                connection.HandshakeFailure = exception.Message;
                return;
            }
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
            await using var broker = upstream.GetStream();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var toBroker = CopyObservingAsync(tls, broker, connection, done.Token);
            var toClient = broker.CopyToAsync(tls, done.Token);
            await Task.WhenAny(toBroker, toClient);
            await done.CancelAsync();
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // One side hung up, or the proxy is stopping: the other side is closed with it.
        }
    }

    /// <summary>The client's first bytes, left in the socket for the TLS handshake to read.</summary>
    private async Task<byte[]> PeekAsync(Socket client)
    {
        var buffer = new byte[8];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var seen = await client.ReceiveAsync(buffer, SocketFlags.Peek, timeout.Token);
        // A client writes its ClientHello or its protocol header at once; a short first segment is completed soon after.
        for (var wait = 0; seen is > 0 and < 3 && wait < 50; wait++)
        {
            await Task.Delay(20, timeout.Token);
            seen = await client.ReceiveAsync(buffer, SocketFlags.Peek, timeout.Token);
        }
        return buffer[..seen];
    }

    private static async Task CopyObservingAsync(Stream from, Stream to, ObservedConnection connection, CancellationToken cancellationToken)
    {
        var observed = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (observed.Length < ObservedClientBytes)
            {
                observed.Write(buffer, 0, Math.Min(read, ObservedClientBytes - (int)observed.Length));
                connection.ReadClientName(observed.GetBuffer().AsSpan(0, (int)observed.Length));
            }
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_forwarding);
        _stop.Dispose();
    }
}
