using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>One delivery as a receiver saw it, and whether its signature verified with the StandardWebhooks package.</summary>
public sealed record ReceivedDelivery(string Path, string WebhookId, string Timestamp, string Signature, string Body, bool Verified, DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// A webhook receiver the tests run on loopback: it verifies each delivery with the package's verifier, records it, and
/// answers what the test scripted for its webhook-id (in order, then 200), or hangs when told to.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private volatile bool _hang;
    private volatile int _defaultStatus = 200;

    public WebhookReceiver(string secret)
    {
        Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        var webhook = new StandardWebhook(secret);
        _app.MapPost("/{**path}", async (HttpContext context, string? path) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            bool verified;
            try
            {
                webhook.Verify(body, context.Request.Headers);
                verified = true;
            }
            catch (WebhookVerificationException)
            {
                verified = false;
            }
            var id = context.Request.Headers["webhook-id"].ToString();
            _received.Enqueue(new ReceivedDelivery("/" + path, id, context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body, verified, DateTimeOffset.UtcNow));
            if (_hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.StatusCode(200);
            }
            return Results.StatusCode(_scripts.TryGetValue(id, out var script) && script.TryDequeue(out var status) ? status : _defaultStatus);
        });
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    public IReadOnlyList<ReceivedDelivery> For(Guid id) => [.. _received.Where(d => d.WebhookId == id.ToString())];

    /// <summary>The answers for the deliveries of <paramref name="id"/>, in order; 200 (or the default) after them.</summary>
    public void Script(Guid id, params int[] statuses) => _scripts[id.ToString()] = new ConcurrentQueue<int>(statuses);

    /// <summary>Every delivery without a script gets this status.</summary>
    public void AnswerByDefault(int status) => _defaultStatus = status;

    /// <summary>Every delivery is held open and never answered.</summary>
    public void Hang() => _hang = true;

    public Task StartAsync() => _app.StartAsync();

    public async Task<ReceivedDelivery> WaitForAsync(Guid id, TimeSpan? timeout = null) =>
        (await Eventually.GetAsync(() => Task.FromResult(For(id)), d => d.Any(x => x.Verified), $"a verified delivery of {id}", timeout ?? TimeSpan.FromSeconds(60)))
            .First(x => x.Verified);

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
