using System.Collections.Concurrent;
using System.Net.Sockets;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// A plain TCP listener on loopback that records the first bytes each client sends and hangs up: where a client told to
/// use TLS shows whether it starts with a ClientHello or with the AMQP header and, after it, its credentials.
/// </summary>
public sealed class FirstBytesListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ObservedConnection> _connections = new();
    private readonly Task _accepting;

    public FirstBytesListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyCollection<ObservedConnection> Connections => _connections;

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
            _ = RecordAsync(client);
        }
    }

    private async Task RecordAsync(Socket client)
    {
        using (client)
        {
            var buffer = new byte[8];
            var read = 0;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                while (read < buffer.Length && await client.ReceiveAsync(buffer.AsMemory(read), timeout.Token) is > 0 and var count)
                {
                    read += count;
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
            }
            if (read > 0)
            {
                _connections.Enqueue(new ObservedConnection { FirstBytes = buffer[..read] });
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
