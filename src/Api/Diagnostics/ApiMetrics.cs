using System.Diagnostics.Metrics;

namespace HubSpotCrm.Api.Diagnostics;

/// <summary>
/// The Api's own series, exported at /metrics (hubspotcrm_api_…): what callers sent, what was refused and why, and
/// what the Api recorded and cleaned up.
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "HubSpotCrm.Api";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _authenticationRefused;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _waits;
    private readonly Counter<long> _resultsRecorded;
    private readonly Counter<long> _requestsDeleted;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("hubspotcrm.api.commands.accepted", "{command}",
            "Commands put on their queue and answered with 202, by kind.");
        _rejected = meter.CreateCounter<long>("hubspotcrm.api.commands.rejected", "{command}",
            "Submissions refused, by kind and reason (invalid_fields, body_too_large, malformed_json, unsupported_media_type, " +
            "invalid_idempotency_key, idempotency_key_reused, broker_unavailable, database_unavailable).");
        _replays = meter.CreateCounter<long>("hubspotcrm.api.idempotent_replays", "{request}",
            "Submissions answered from an earlier request with the same Idempotency-Key, by kind.");
        _authenticationRefused = meter.CreateCounter<long>("hubspotcrm.api.authentication.refused", "{request}",
            "Requests refused with 401, by reason (missing_key, wrong_header, several_keys, key_too_long, invalid_key).");
        _rateLimited = meter.CreateCounter<long>("hubspotcrm.api.rate_limited", "{request}",
            "Requests refused with 429 because their client was over its rate limit, by client.");
        _waits = meter.CreateCounter<long>("hubspotcrm.api.waits", "{request}",
            "Requests that asked to wait with Prefer: wait=N, by outcome (final, timed_out).");
        _resultsRecorded = meter.CreateCounter<long>("hubspotcrm.api.results.recorded", "{event}",
            "Result events handled, by kind and status (a redelivered event counts again; the first final state is kept).");
        _requestsDeleted = meter.CreateCounter<long>("hubspotcrm.api.requests.deleted", "{request}",
            "Finished requests deleted by the retention service.");
    }

    public void Accepted(string kind, long count = 1) => _accepted.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Rejected(string kind, string reason, long count = 1) =>
        _rejected.Add(count, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));

    public void Replayed(string kind) => _replays.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void AuthenticationRefused(string reason) => _authenticationRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RateLimited(string client) => _rateLimited.Add(1, new KeyValuePair<string, object?>("client", client));

    public void Waited(bool final) => _waits.Add(1, new KeyValuePair<string, object?>("outcome", final ? "final" : "timed_out"));

    public void ResultRecorded(string kind, string status) =>
        _resultsRecorded.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", status));

    public void RequestsDeleted(long count) => _requestsDeleted.Add(count);
}
