using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace HubSpotCrm.Worker.Tests.Support;

/// <summary>
/// A fake HubSpot for the HTTP pipeline: the token endpoint always answers, every other call gets the answer
/// <see cref="Route"/> gives for its path or else the next scripted response (the last one repeats). It records each
/// call with the time it arrived, and its body.
/// </summary>
public sealed class ScriptedHubSpot(params Func<HttpResponseMessage>[] script) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new(script);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Func<HttpResponseMessage> _last = () => Json(HttpStatusCode.OK, "{}");

    public ConcurrentQueue<(string Path, TimeSpan At, string? Authorization)> Calls { get; } = new();

    public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();

    /// <summary>The answer for a path, or null to take the next scripted response.</summary>
    public Func<string, HttpResponseMessage?>? Route { get; set; }

    public int TokenCalls;

    public List<string> TokenRequestBodies { get; } = [];

    public Func<int, HttpResponseMessage> TokenResponse { get; set; } = n =>
        Json(HttpStatusCode.OK, $$"""{"access_token":"token-{{n}}","refresh_token":"refresh-token","expires_in":1800,"token_type":"bearer"}""");

    /// <summary>How long the n-th token request waits before its answer (the caller may give up first).</summary>
    public Func<int, TimeSpan> TokenDelay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>The refresh token the n-th token request (from 1) carried.</summary>
    public string SentRefreshToken(int n)
    {
        lock (TokenRequestBodies)
        {
            return Uri.UnescapeDataString(TokenRequestBodies[n - 1].Split('&').Single(p => p.StartsWith("refresh_token=", StringComparison.Ordinal))["refresh_token=".Length..]);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/oauth/v1/token")
        {
            var n = Interlocked.Increment(ref TokenCalls);
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (TokenRequestBodies)
            {
                TokenRequestBodies.Add(form);
            }
            await Task.Delay(TokenDelay(n), cancellationToken);
            return TokenResponse(n);
        }
        Calls.Enqueue((path, _clock.Elapsed, request.Headers.Authorization?.Parameter));
        Requests.Enqueue((path, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
        if (Route?.Invoke(path) is { } routed)
        {
            return routed;
        }
        if (_script.TryDequeue(out var next))
        {
            _last = next;
        }
        return _last();
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    public static HttpResponseMessage Ok() => Json(HttpStatusCode.OK, """{"status":"COMPLETE","results":[]}""");

    public static HttpResponseMessage TooManyRequests(string policy, string message, params (string Name, string Value)[] headers) =>
        Json(HttpStatusCode.TooManyRequests,
            $$"""{"status":"error","message":"{{message}}","errorType":"RATE_LIMIT","correlationId":"c0ffee00-0000-0000-0000-000000000000","policyName":"{{policy}}"}""",
            headers);
}
