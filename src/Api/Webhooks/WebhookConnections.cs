using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// The HTTP client of deliveries. It connects only to the public addresses a target's name resolves to (unless
/// <see cref="WebhookOptions.AllowPrivateTargets"/>), checked at connect time so a name re-pointed at an internal address
/// after its submission gains nothing. It never follows a redirect nor uses a proxy: either would reach an address
/// nobody checked.
/// </summary>
public static class WebhookConnections
{
    public const string HttpClientName = "webhooks";

    public static void AddWebhookHttpClient(this IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = options.AttemptTimeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    MaxConnectionsPerServer = options.ConcurrencyPerEndpoint,
                    ConnectCallback = (context, token) => ConnectAsync(context.DnsEndPoint, options.AllowPrivateTargets, token),
                };
            });

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(WebhookTarget.IsPublic)];
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(
                $"{endpoint.Host} resolves to no public address ({string.Join(", ", addresses.Select(a => a.ToString()))}); " +
                "deliveries to loopback, private and link-local addresses need Webhooks:AllowPrivateTargets");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
