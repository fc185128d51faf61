using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace HubSpotCrm.Bench.Webhooks;

/// <summary>
/// The endpoint the Api delivers the bench client's completion webhooks to: Kestrel on 127.0.0.1 at the port run.sh
/// chose and gave the Api as the client's Url. Every delivery's signature is checked with StandardWebhooks; a good one
/// is answered 204 and kept by webhook-id (the first copy's receive time, the copies after it counted), a bad one 401.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/webhooks";
    private const int SampleLimit = 5;

    private readonly WebApplication _app;
    private readonly StandardWebhook _verifier;
    private readonly ConcurrentDictionary<Guid, ReceivedWebhook> _deliveries = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private long _received;
    private long _badSignatures;
    private long _malformed;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        _verifier = new StandardWebhook(secret);
        app.MapPost(Path, ReceiveAsync);
    }

    /// <summary>Every POST received, good or bad, copies included.</summary>
    public long Received => Interlocked.Read(ref _received);

    public long BadSignatures => Interlocked.Read(ref _badSignatures);

    /// <summary>Correctly signed, but not a request as GET /api/v1/requests/{id} shows it, or its id not the webhook-id.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>The first bad or malformed deliveries, with why.</summary>
    public IReadOnlyList<string> Problems => [.. _problems.Take(SampleLimit)];

    /// <summary>Deliveries by webhook-id, as received so far.</summary>
    public IReadOnlyDictionary<Guid, ReceivedWebhook> Deliveries => _deliveries;

    public static async Task<WebhookReceiver> StartAsync(int port, string secret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var receiver = new WebhookReceiver(builder.Build(), secret);
        await receiver._app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _received);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            _verifier.Verify(body, request.Headers);
        }
        catch (WebhookVerificationException exception)
        {
            Interlocked.Increment(ref _badSignatures);
            Note($"bad signature ({exception.Message}) on webhook-id {request.Headers["webhook-id"]}");
            return TypedResults.Unauthorized();
        }
        if (!Guid.TryParse(request.Headers["webhook-id"], out var id) || Read(body) is not { } delivered || delivered.RequestId != id)
        {
            Interlocked.Increment(ref _malformed);
            Note($"webhook-id {request.Headers["webhook-id"]}: body is not the request it names: {Truncate(body)}");
            return TypedResults.NoContent();
        }
        var delivery = _deliveries.GetOrAdd(id, _ => new ReceivedWebhook(receivedAt, delivered.Status, delivered.CompletedAt));
        delivery.Count();
        return TypedResults.NoContent();
    }

    /// <returns>The request's id, status and completedAt; null when the body is not a final request without its webhook member.</returns>
    private static DeliveredRequest? Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("webhook", out _) &&
                   root.TryGetProperty("requestId", out var id) && id.TryGetGuid(out var requestId) &&
                   root.TryGetProperty("status", out var status) && status.GetString() is "succeeded" or "failed" &&
                   root.TryGetProperty("completedAt", out var completed) && completed.ValueKind == JsonValueKind.String
                ? new DeliveredRequest(requestId, status.GetString()!, completed.GetDateTimeOffset())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Note(string problem)
    {
        if (_problems.Count < SampleLimit)
        {
            _problems.Enqueue(problem);
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record DeliveredRequest(Guid RequestId, string Status, DateTimeOffset CompletedAt);
}
