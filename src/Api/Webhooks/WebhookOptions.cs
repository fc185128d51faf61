using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Completion webhooks: where each API client's callbacks go, how they are signed, and how long a failing delivery is
/// retried. A client without an entry gets no callbacks.
/// </summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    public static readonly TimeSpan[] DefaultDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
    ];

    /// <summary>Client name (as in ApiKeys:Keys) → its endpoint, signing secret and allowed callback URLs.</summary>
    public Dictionary<string, WebhookClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Allows targets on loopback, private, link-local and other non-public addresses. Off by default: a callback URL
    /// comes from a caller, and without this guard it could make the Api call into its own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Allows http:// targets; true in Development (appsettings.Development.json), false otherwise.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long one attempt may take, connect to last byte; a receiver slower than this counts as failing.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the request turned final a failing delivery is still retried; then it is parked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The delays between attempts, in order; the last one repeats until <see cref="RetryFor"/> is spent.
    /// <see cref="DefaultDelays"/> when none are configured (no initial value: the binder would append to it).
    /// </summary>
    public TimeSpan[] Delays { get; set; } = [];

    /// <summary>
    /// Attempts in flight to one endpoint (scheme, host and port). As many again may wait a moment for one of them;
    /// past that a delivery waits out the first delay instead of taking one of its client's slots, so among the
    /// endpoints of one client (its Callback-Url ones) one slow receiver cannot hold up the others. At most half of
    /// <see cref="ConcurrentDeliveries"/>.
    /// </summary>
    [Range(1, 256)]
    public int ConcurrencyPerEndpoint { get; set; } = 32;

    /// <summary>Deliveries of one client the Api attempts at once (each client has a queue of its own).</summary>
    [Range(1, 1024)]
    public int ConcurrentDeliveries { get; set; } = 64;

    public IReadOnlyList<TimeSpan> EffectiveDelays => Delays.Length > 0 ? Delays : DefaultDelays;

    public WebhookClientOptions? For(string? client) =>
        client is not null && Clients.TryGetValue(client, out var options) && options.IsConfigured ? options : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveDelays.Any(d => d < TimeSpan.FromMilliseconds(100) || d > TimeSpan.FromDays(1)))
        {
            yield return new ValidationResult("Webhooks:Delays: each delay must be between 100 ms and one day.", [nameof(Delays)]);
        }
        if (ConcurrencyPerEndpoint * 2 > ConcurrentDeliveries)
        {
            yield return new ValidationResult(
                $"Webhooks:ConcurrencyPerEndpoint ({ConcurrencyPerEndpoint}) must be at most half of Webhooks:ConcurrentDeliveries ({ConcurrentDeliveries}): " +
                "one endpoint holds up to twice its cap of its client's slots.", [nameof(ConcurrencyPerEndpoint)]);
        }
        foreach (var (client, options) in Clients.Where(c => c.Value.IsConfigured))
        {
            foreach (var problem in options.Problems(this))
            {
                yield return new ValidationResult($"Webhooks:Clients:{client}: {problem}", [nameof(Clients)]);
            }
        }
    }
}
