using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HubSpotCrm.Bench.Api;
using HubSpotCrm.Bench.Bus;
using HubSpotCrm.Bench.Report;

namespace HubSpotCrm.Bench.Webhooks;

/// <summary>
/// Completion webhooks (issue 14) while contacts flow: single contacts posted to /api/v1/hubspot/contact as the bench's
/// webhook client (whose configured Url is <see cref="WebhookReceiver"/>) by <see cref="BenchSettings.WebhookClients"/>
/// concurrent clients, paced at <see cref="BenchSettings.WebhookSubmitPerSecond"/> (above HubSpot's ceiling, so the
/// Worker is never short of work), for <see cref="BenchSettings.WebhookSeconds"/>. Single submits, because a bulk batch
/// gets one webhook for all its items. Then the deliveries are waited for, and the requests left without one are read.
/// </summary>
internal sealed class WebhookLoad(BenchSettings settings, WebhookReceiver receiver, EmulatorControl emulator, CommandSender sender, CpuMeter cpu)
{
    private const string Route = "/api/v1/hubspot/contact";
    private const int WarmupRequests = 5;
    private const int WarmupWaitSeconds = 10;
    private const int SubmitOverrunSeconds = 5;
    private const int ReadMissingSeconds = 10;
    private const int ReadMissingLimit = 2_000;
    private const int ReadConcurrency = 8;
    private const int SampleLimit = 5;

    /// <summary>Reserved for the Api intake phase and the report.</summary>
    private static readonly TimeSpan LaterPhases = TimeSpan.FromSeconds(50);

    /// <summary>The longest the phase takes, when every wait runs to its limit.</summary>
    public static TimeSpan Longest(BenchSettings settings) => TimeSpan.FromSeconds(
        WarmupWaitSeconds + settings.WebhookSeconds + SubmitOverrunSeconds + settings.WebhookDrainSeconds + ReadMissingSeconds);

    /// <summary>Contacts per second HubSpot's limits allow: the call budget × 100 contacts per batch/upsert.</summary>
    private double CeilingPerSecond => settings.TenSecondly / 10.0 * 100;

    public async Task<WebhookResult> RunAsync(string conditions)
    {
        if (settings.Remaining(LaterPhases) < Longest(settings))
        {
            throw new TimeoutException("No time left for the webhook phase before the run's deadline.");
        }
        using var http = ApiHttp.Create(settings, TimeSpan.FromSeconds(15), settings.WebhookApiKey);
        var warmup = await WarmUpAsync(http);
        Console.WriteLine($"[webhooks] {settings.WebhookSeconds} s of single contacts at {settings.WebhookSubmitPerSecond}/s from " +
                          $"{settings.WebhookClients} clients, deliveries to 127.0.0.1:{settings.WebhookPort}{WebhookReceiver.Path}…");
        var outcomesBefore = await DeliveryOutcomes.ReadAsync(http);
        await emulator.ResetStatsAsync();
        var cpuStart = cpu.Mark();
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var submissions = await SubmitAllAsync(http, started);
        var submittedAt = DateTimeOffset.UtcNow;
        var cpuUsage = CpuMeter.Between(cpuStart, cpu.Mark());
        var accepted = submissions.Where(s => s.RequestId is not null).Select(s => s.RequestId!.Value).ToList();
        Console.WriteLine($"[webhooks] {accepted.Count} of {submissions.Count} submissions accepted in {(submittedAt - startedAt).TotalSeconds:0.0} s; " +
                          "waiting for their deliveries…");

        var drainStarted = Stopwatch.GetTimestamp();
        var undelivered = await DrainAsync(accepted);
        var drainWaited = Stopwatch.GetElapsedTime(drainStarted).TotalSeconds;
        var missing = await ReadMissingAsync(http, undelivered);
        var purged = missing.NotFinal > 0 ? await sender.PurgeAsync(BusWorkloads.ContactQueue) : 0;
        var outcomes = DeliveryOutcomes.Since(outcomesBefore, await DeliveryOutcomes.ReadAsync(http));
        var stats = await emulator.StatsAsync();

        var deliveries = receiver.Deliveries;
        var delivered = accepted.Where(deliveries.ContainsKey).Select(id => deliveries[id]).ToList();
        // A delivery may still have come in after its request was read.
        var lost = missing.Lost.Where(l => !deliveries.ContainsKey(l.Id)).ToList();
        var warmupIds = warmup.ToHashSet();
        var acceptedIds = accepted.ToHashSet();
        var unexpected = deliveries.Keys.Count(id => !acceptedIds.Contains(id) && !warmupIds.Contains(id));
        var windowStart = startedAt.AddSeconds(settings.WebhookWarmupSeconds) < submittedAt.AddSeconds(-5)
            ? startedAt.AddSeconds(settings.WebhookWarmupSeconds)
            : startedAt;
        var window = (submittedAt - windowStart).TotalSeconds;
        bool InWindow(DateTimeOffset time) => time >= windowStart && time <= submittedAt;
        var completions = delivered.Select(d => d.CompletedAt).Concat(lost.Select(l => l.CompletedAt)).ToList();
        var deliveriesPerSecond = window > 0 ? delivered.Count(d => InWindow(d.ReceivedAt)) / window : 0;
        var resultsPerSecond = window > 0 ? completions.Count(InWindow) / window : 0;
        var lags = delivered.Select(d => (d.ReceivedAt - d.CompletedAt).TotalMilliseconds).ToList();
        var duplicates = delivered.Sum(d => d.Copies - 1);
        var lastDelivery = delivered.Count > 0 ? delivered.Max(d => d.ReceivedAt) : submittedAt;

        var status = accepted.Count == 0
            ? "failed: no submission was accepted (see submissions.statuses)"
            : missing.NotFinal + missing.Unread > 0 || lost.Count > 0
                ? $"complete, with {lost.Count + missing.NotFinal + missing.Unread} requests without a delivery after {drainWaited:0} s: {lost.Count} final (lost), " +
                  $"{missing.NotFinal} not final, {missing.Unread} not read" + (purged > 0 ? $"; {purged} commands not yet started were purged" : "")
                : accepted.Count < submissions.Count ? "complete, with submissions answered other than 202 (see submissions.statuses)" : "complete";
        var result = new WebhookResult(
            Status: status,
            SubmitPerSecondTarget: settings.WebhookSubmitPerSecond,
            Clients: settings.WebhookClients,
            Submissions: Summarize(submissions, (submittedAt - startedAt).TotalSeconds),
            WindowSeconds: Math.Round(window, 2),
            WindowDefinition: $"from {(windowStart - startedAt).TotalSeconds:0} s after the first submission to the last submission's answer",
            DeliveriesPerSecond: Math.Round(deliveriesPerSecond, 1),
            ResultsPerSecond: Math.Round(resultsPerSecond, 1),
            KeepUpPercent: resultsPerSecond > 0 ? Math.Round(deliveriesPerSecond / resultsPerSecond * 100, 1) : 0,
            ResultsPercentOfCeiling: Math.Round(resultsPerSecond / CeilingPerSecond * 100, 1),
            FinalToReceivedP50Ms: Percentiles.Of(lags, 50),
            FinalToReceivedP90Ms: Percentiles.Of(lags, 90),
            FinalToReceivedP99Ms: Percentiles.Of(lags, 99),
            FinalToReceivedMaxMs: lags.Count > 0 ? Math.Round(lags.Max(), 1) : 0,
            Delivered: delivered.Count,
            Final: delivered.Count + lost.Count,
            Lost: lost.Count,
            LostByWebhookState: lost.GroupBy(l => l.WebhookState).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            NotFinal: missing.NotFinal,
            Unread: missing.Unread,
            MissingSamples: missing.Samples,
            Duplicates: duplicates,
            BadSignatures: receiver.BadSignatures,
            Malformed: receiver.Malformed,
            Unexpected: unexpected,
            ReceiverProblems: receiver.Problems,
            ApiOutcomes: outcomes,
            DrainSeconds: Math.Round(Math.Max(0, (lastDelivery - submittedAt).TotalSeconds), 2),
            HubspotCalls: stats.CrmCalls,
            Http429: stats.Http429,
            TimelineDeliveriesPerSecond: Timeline(delivered.Select(d => d.ReceivedAt), startedAt),
            TimelineResultsPerSecond: Timeline(completions, startedAt),
            Conditions: conditions,
            Cpu: cpuUsage);
        Console.WriteLine($"[webhooks] {status}: {result.DeliveriesPerSecond} deliveries/s for {result.ResultsPerSecond} results/s " +
                          $"({result.KeepUpPercent} %), final → received p50 {result.FinalToReceivedP50Ms} ms, p99 {result.FinalToReceivedP99Ms} ms; " +
                          $"{result.Lost} lost, {duplicates} duplicates, {result.BadSignatures} bad signatures");
        return result;
    }

    /// <summary>
    /// A few contacts before the measurement, one at a time, each waited for until delivered: the first deliveries' costs
    /// (JIT, the Api's connection to the receiver) are not timed, and a receiver the Api cannot reach stops the phase here,
    /// plainly. One at a time, because deliveries beyond the Api's attempts in flight per endpoint wait out its first retry
    /// delay: a burst would make the warm-up wait for that.
    /// </summary>
    private async Task<List<Guid>> WarmUpAsync(HttpClient http)
    {
        var ids = new List<Guid>(WarmupRequests);
        var until = Stopwatch.GetTimestamp() + (long)(WarmupWaitSeconds * Stopwatch.Frequency);
        for (var i = 0; i < WarmupRequests; i++)
        {
            var submission = await PostAsync(http, $"webhook-{settings.RunId}-w{i}");
            var id = submission.RequestId ?? throw new InvalidOperationException($"A warm-up contact was answered {submission.Status}.");
            ids.Add(id);
            while (!receiver.Deliveries.ContainsKey(id))
            {
                if (Stopwatch.GetTimestamp() > until)
                {
                    var shown = await http.GetStringAsync($"/api/v1/requests/{id}");
                    throw new InvalidOperationException(
                        $"Warm-up contact {i + 1} of {WarmupRequests} had no delivery {WarmupWaitSeconds} s into the warm-up ({receiver.Received} POSTs " +
                        $"received, {receiver.BadSignatures} with a bad signature); the Api shows it as {Truncate(shown)}");
                }
                await Task.Delay(20);
            }
        }
        return ids;
    }

    /// <summary>
    /// The i-th submission is due i / rate seconds after the start; the clients take them in turn. None is sent more than
    /// <see cref="SubmitOverrunSeconds"/> after the planned end, so a slow Api shortens the phase instead of stretching it.
    /// </summary>
    private async Task<List<Submission>> SubmitAllAsync(HttpClient http, long started)
    {
        var total = settings.WebhookSubmitPerSecond * settings.WebhookSeconds;
        var stopAfter = TimeSpan.FromSeconds(settings.WebhookSeconds + SubmitOverrunSeconds);
        var submissions = new Submission?[total];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, settings.WebhookClients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < total && Stopwatch.GetElapsedTime(started) < stopAfter; i = Interlocked.Increment(ref next))
            {
                var due = TimeSpan.FromSeconds((double)i / settings.WebhookSubmitPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                submissions[i] = await PostAsync(http, $"webhook-{settings.RunId}-{i}");
            }
        }));
        return [.. submissions.OfType<Submission>()];
    }

    private static async Task<Submission> PostAsync(HttpClient http, string email)
    {
        var sent = Stopwatch.GetTimestamp();
        var body = new { email = $"{email}@bench.example.com", firstname = "Webhook", lastname = "Bench", phone = "+1 555 0103" };
        try
        {
            using var response = await http.PostAsJsonAsync(Route, body);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new Submission(Seconds(sent, Stopwatch.GetTimestamp()) * 1000,
                    ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), null);
            }
            var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
            return new Submission(Seconds(sent, Stopwatch.GetTimestamp()) * 1000, "202", requestId);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new Submission(Seconds(sent, Stopwatch.GetTimestamp()) * 1000, exception.GetType().Name, null);
        }
    }

    /// <summary>Until every accepted request has a delivery, or <see cref="BenchSettings.WebhookDrainSeconds"/> are up.</summary>
    /// <returns>The requests without one.</returns>
    private async Task<List<Guid>> DrainAsync(List<Guid> accepted)
    {
        var until = Stopwatch.GetTimestamp() + (long)(settings.WebhookDrainSeconds * Stopwatch.Frequency);
        var undelivered = accepted;
        while (true)
        {
            undelivered = [.. undelivered.Where(id => !receiver.Deliveries.ContainsKey(id))];
            if (undelivered.Count == 0 || Stopwatch.GetTimestamp() > until)
            {
                return undelivered;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The requests without a delivery as the Api shows them: final ones are lost deliveries (by the state of their
    /// webhook), the others never finished; one delivered while it was read is neither. At most
    /// <see cref="ReadMissingLimit"/> within <see cref="ReadMissingSeconds"/>.
    /// </summary>
    private async Task<Missing> ReadMissingAsync(HttpClient http, List<Guid> undelivered)
    {
        var lost = new List<LostDelivery>();
        var samples = new List<string>();
        var notFinal = 0;
        var read = 0;
        var gate = new Lock();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(ReadMissingSeconds));
        try
        {
            await Parallel.ForEachAsync(undelivered.Take(ReadMissingLimit),
                new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = timeout.Token },
                async (id, cancellationToken) =>
                {
                    var shown = await http.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{id}", cancellationToken);
                    var status = shown.GetProperty("status").GetString();
                    var state = shown.TryGetProperty("webhook", out var webhook) && webhook.TryGetProperty("state", out var s)
                        ? s.GetString() ?? "?"
                        : "no webhook member";
                    lock (gate)
                    {
                        read++;
                        if (receiver.Deliveries.ContainsKey(id))
                        {
                            return;
                        }
                        if (status is "succeeded" or "failed" && shown.GetProperty("completedAt") is { ValueKind: JsonValueKind.String } done)
                        {
                            lost.Add(new LostDelivery(id, done.GetDateTimeOffset(), state));
                            if (samples.Count < SampleLimit)
                            {
                                samples.Add($"{id}: {status}, webhook {(webhook.ValueKind == JsonValueKind.Object ? webhook.GetRawText() : state)}");
                            }
                        }
                        else
                        {
                            notFinal++;
                        }
                    }
                });
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
        {
            Console.WriteLine($"[webhooks] reading the requests without a delivery stopped: {exception.Message}");
        }
        return new Missing(lost, notFinal, undelivered.Count - read, samples);
    }

    private static WebhookSubmissions Summarize(List<Submission> submissions, double seconds)
    {
        var accepted = submissions.Count(s => s.RequestId is not null);
        var latencies = submissions.Select(s => s.Ms).ToList();
        return new WebhookSubmissions(
            Sent: submissions.Count,
            Accepted: accepted,
            Seconds: Math.Round(seconds, 2),
            AcceptedPerSecond: seconds > 0 ? Math.Round(accepted / seconds, 1) : 0,
            P50Ms: Percentiles.Of(latencies, 50),
            P99Ms: Percentiles.Of(latencies, 99),
            Statuses: submissions.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    private static List<int> Timeline(IEnumerable<DateTimeOffset> times, DateTimeOffset startedAt)
    {
        var buckets = new List<int>();
        foreach (var time in times)
        {
            var second = (int)Math.Max(0, (time - startedAt).TotalSeconds);
            while (buckets.Count <= second)
            {
                buckets.Add(0);
            }
            buckets[second]++;
        }
        return buckets;
    }

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static double Seconds(long from, long to) => (double)(to - from) / Stopwatch.Frequency;

    /// <param name="Status">The HTTP status, or the exception's name when there was no answer.</param>
    private sealed record Submission(double Ms, string Status, Guid? RequestId);

    private sealed record Missing(List<LostDelivery> Lost, int NotFinal, int Unread, List<string> Samples);

    /// <param name="WebhookState">The request's webhook.state as the Api showed it (pending, retrying, parked…).</param>
    private sealed record LostDelivery(Guid Id, DateTimeOffset CompletedAt, string WebhookState);
}
