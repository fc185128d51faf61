using System.Buffers.Binary;
using System.Text;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>What a listener in front of the broker saw of one client connection.</summary>
public sealed class ObservedConnection
{
    private static readonly byte[] ConnectionNameField = [.. "\u000fconnection_name"u8, (byte)'S'];

    /// <summary>The first bytes the client sent, before anything was answered.</summary>
    public byte[] FirstBytes { get; init; } = [];

    /// <summary>A TLS handshake record (0x16, version 3.x): a ClientHello.</summary>
    public bool StartsWithTls => FirstBytes is [0x16, 0x03, ..];

    /// <summary>"AMQP" followed by the protocol version: a client about to send its credentials in clear.</summary>
    public bool StartsWithAmqpHeader => FirstBytes.AsSpan().StartsWith("AMQP"u8);

    /// <summary>Why the TLS handshake did not complete, if it did not.</summary>
    public string? HandshakeFailure { get; set; }

    /// <summary>The client's connection_name, read from its AMQP Connection.StartOk inside TLS.</summary>
    public string? ClientName { get; private set; }

    /// <summary>The AMQP connection_name in the first bytes a client sent through TLS, once they are all there.</summary>
    public void ReadClientName(ReadOnlySpan<byte> clientBytes)
    {
        var at = clientBytes.IndexOf(ConnectionNameField);
        if (ClientName is not null || at < 0 || clientBytes.Length < at + ConnectionNameField.Length + 4)
        {
            return;
        }
        var value = clientBytes[(at + ConnectionNameField.Length)..];
        var length = BinaryPrimitives.ReadInt32BigEndian(value);
        if (value.Length >= 4 + length)
        {
            ClientName = Encoding.UTF8.GetString(value.Slice(4, length));
        }
    }

    public override string ToString() =>
        $"{(StartsWithTls ? "TLS" : StartsWithAmqpHeader ? "plain AMQP" : Convert.ToHexString(FirstBytes))}" +
        $"{(ClientName is null ? "" : $" from {ClientName}")}{(HandshakeFailure is null ? "" : $" (handshake failed: {HandshakeFailure})")}";
}
