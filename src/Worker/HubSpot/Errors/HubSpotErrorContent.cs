using System.Net;
using HubSpotCrm.Worker.HubSpot.Models;
using HubSpotCrm.Worker.HubSpot.RateLimiting;

namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>
/// A HubSpot error answer's body, read and parsed once as the answer arrives and kept as the answer's content: the
/// retry decision, its wait, the metrics and the exception the caller gets all use this one parse, and a 429's policy
/// is read from it once. Whoever reads the content still gets HubSpot's bytes.
/// </summary>
public sealed class HubSpotErrorContent : HttpContent
{
    private readonly byte[] _raw;

    private HubSpotErrorContent(byte[] raw, HubSpotErrorBody body, RateLimitPolicy policy)
    {
        _raw = raw;
        Body = body;
        Policy = policy;
    }

    public HubSpotErrorBody Body { get; }

    /// <summary>The limit a 429 names; <see cref="RateLimitPolicy.Unknown"/> for any other status.</summary>
    public RateLimitPolicy Policy { get; }

    /// <summary>Replaces the content of an error answer with its parse; a success keeps its content.</summary>
    public static async Task ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode || response.Content is HubSpotErrorContent)
        {
            return;
        }
        var original = response.Content;
        var body = await HubSpotErrors.ReadBodyAsync(response, cancellationToken);
        var policy = response.StatusCode == HttpStatusCode.TooManyRequests ? RateLimitPolicies.Parse(body) : RateLimitPolicy.Unknown;
        var content = new HubSpotErrorContent(await original.ReadAsByteArrayAsync(cancellationToken), body, policy);
        foreach (var (name, values) in original.Headers)
        {
            content.Headers.TryAddWithoutValidation(name, values);
        }
        response.Content = content;
        original.Dispose();
    }

    /// <summary>The parse of an error answer that came through the HubSpot client's handlers.</summary>
    public static HubSpotErrorContent Of(HttpResponseMessage response) =>
        response.Content as HubSpotErrorContent
        ?? throw new InvalidOperationException($"HubSpot's {(int)response.StatusCode} answer was not read by {nameof(HubSpotCallObserver)}.");

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_raw).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_raw, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _raw.Length;
        return true;
    }
}
