using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HubSpotCrm.Bench.Bus;
using HubSpotCrm.Bench.Report;
using HubSpotCrm.Bench.Webhooks;

namespace HubSpotCrm.Bench.Api;

/// <summary>
/// Bulk submissions (issue 13): <see cref="BenchSettings.BulkClients"/> clients, each on its own connection, POST batches of
/// unique contacts to /api/v1/hubspot/contacts/batch as fast as they are answered; then every accepted batch is followed on
/// GET /api/v1/batches/{id} until it is completed. Intake is timed from the first POST to the last 202, end to end from
/// the first POST to the last item's completion; the HubSpot calls come from the emulator's counters.
/// </summary>
internal sealed class BulkLoad(BenchSettings settings, EmulatorControl emulator, CommandSender sender, CpuMeter cpu)
{
    private const string Route = "/api/v1/hubspot/contacts/batch";

    /// <summary>Where the Api puts a batch's contacts, 100 to an UpsertContacts message.</summary>
    private const string BulkContactQueue = "hubspot.upsert-contacts";
    private const int WarmupItems = 10;
    private const int WaitSeconds = 20;
    private const int ItemsPageSize = 1000;
    private const int SampleLimit = 5;

    /// <summary>Reserved for the webhook and Api intake phases and the report.</summary>
    private TimeSpan LaterPhases => TimeSpan.FromSeconds(50) + WebhookLoad.Longest(settings);

    // A batch is one transaction and a thousand confirmed publishes, and GET waits up to WaitSeconds: far longer than a single POST.
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Contacts per second HubSpot's limits allow: the call budget × 100 contacts per batch/upsert.</summary>
    private double CeilingPerSecond => settings.TenSecondly / 10.0 * 100;

    public async Task<BulkResult> RunAsync(string conditions)
    {
        var budget = settings.Remaining(LaterPhases);
        if (budget < TimeSpan.FromSeconds(20))
        {
            throw new TimeoutException("No time left for the bulk phase before the run's deadline.");
        }
        var timeout = budget < settings.WorkloadTimeout ? budget : settings.WorkloadTimeout;
        var bodies = Enumerable.Range(0, settings.BulkBatches).Select(Body).ToList();
        var clients = Enumerable.Range(0, settings.BulkClients).Select(_ => ApiHttp.Create(settings, HttpTimeout)).ToList();
        try
        {
            await WarmUpAsync(clients[0]);
            Console.WriteLine($"[bulk] {settings.BulkBatches} batches of {settings.BulkBatchSize} contacts from {settings.BulkClients} clients…");
            await emulator.ResetStatsAsync();
            var contactsBefore = (await emulator.StatsAsync()).Objects("contacts");
            var cpuStart = cpu.Mark();
            var phase = Stopwatch.StartNew();
            var startedAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            var posts = await PostAllAsync(clients, bodies, started);
            var cpuIntake = cpu.Mark();
            var accepted = posts.Where(p => p.BatchId is not null).ToList();
            var intake = Intake(posts, accepted, started, CpuMeter.Between(cpuStart, cpuIntake));
            Console.WriteLine($"[bulk] intake: {intake.ContactsAccepted} contacts accepted in {intake.Seconds} s = {intake.ContactsPerSecond}/s, " +
                              $"POST p50 {intake.P50Ms} ms, p99 {intake.P99Ms} ms, {posts.Count - accepted.Count} not 202");

            var states = await FollowAsync(clients[0], accepted, () => timeout - phase.Elapsed);
            var cpuEnd = cpu.Mark();
            var stillAccepted = states.Sum(s => s.StillAccepted);
            var leftInQueue = stillAccepted > 0 ? 0 : await DrainAsync(() => timeout - phase.Elapsed);
            var stats = await emulator.StatsAsync();
            var status = accepted.Count == 0
                ? "failed: no batch was accepted (see intake.errorSamples)"
                : stillAccepted > 0
                    ? $"timed out after {timeout.TotalSeconds:0} s: {stillAccepted} items not final; " +
                      $"{await sender.PurgeAsync(BulkContactQueue)} commands not yet started were purged"
                    : accepted.Count < posts.Count ? "complete, with POST answers other than 202 (see intake.statuses)" : "complete";

            var (times, failures, unread) = await CompletionTimesAsync(clients[0], accepted);
            if (unread is not null)
            {
                status += $"; completion times not read ({unread}): no timeline or sustained figure";
            }
            var endToEnd = EndToEnd(states, stats, stats.Objects("contacts") - contactsBefore, startedAt, intake.Seconds, times,
                CpuMeter.Between(cpuStart, cpuEnd));
            var result = new BulkResult(settings.BulkBatches, settings.BulkBatchSize, settings.BulkClients, status, intake, endToEnd,
                Sustained(times), leftInQueue, failures, conditions);
            Console.WriteLine($"[bulk] {status}: {endToEnd.Succeeded} contacts in HubSpot {endToEnd.Seconds} s after the first POST = " +
                              $"{endToEnd.ContactsPerSecond}/s ({endToEnd.PercentOfCeiling} % of {CeilingPerSecond:0}), " +
                              $"{endToEnd.HubspotCalls} calls, {endToEnd.Http429} × 429, {endToEnd.Failed} failed items");
            return result;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>One small batch, waited for, before the measurement: the batch routes' first calls (JIT, pools) are not timed.</summary>
    private async Task WarmUpAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = Content(Items("bw", 0, WarmupItems)) };
        request.Headers.Add("Prefer", "wait=10");
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The warm-up batch was answered {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync())}");
        }
        var batchId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetGuid();
        using var status = await client.GetAsync($"/api/v1/batches/{batchId}");
        status.EnsureSuccessStatusCode();
    }

    private static async Task<List<BatchPost>> PostAllAsync(List<HttpClient> clients, List<byte[]> bodies, long started)
    {
        var posts = new ConcurrentBag<BatchPost>();
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            for (var index = Interlocked.Increment(ref next); index < bodies.Count; index = Interlocked.Increment(ref next))
            {
                posts.Add(await PostAsync(client, index, bodies[index], started));
            }
        }));
        return [.. posts.OrderBy(p => p.Index)];
    }

    private static async Task<BatchPost> PostAsync(HttpClient client, int index, byte[] body, long started)
    {
        var sent = Stopwatch.GetTimestamp();
        string Where(long answered) => $"batch {index}, sent {Seconds(started, sent):0.0} s into the phase, answered after {Seconds(sent, answered) * 1000:0} ms";
        try
        {
            using var content = Content(body);
            using var response = await client.PostAsync(Route, content);
            var text = await response.Content.ReadAsStringAsync();
            var answered = Stopwatch.GetTimestamp();
            var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new BatchPost(index, sent, answered, code, null, 0, $"{Where(answered)}: HTTP {code}: {Truncate(text)}");
            }
            using var document = JsonDocument.Parse(text);
            var batch = document.RootElement;
            return new BatchPost(index, sent, answered, code, batch.GetProperty("batchId").GetGuid(),
                batch.GetProperty("counts").GetProperty("requests").GetInt32(), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            var failed = Stopwatch.GetTimestamp();
            return new BatchPost(index, sent, failed, exception.GetType().Name, null, 0, $"{Where(failed)}: {exception.Message}");
        }
    }

    /// <summary>
    /// Each accepted batch in turn, with Prefer: wait, until it is completed or the phase's time is up; then the others as
    /// they stand. One request at a time: following the batches must not load the Api the phase measures.
    /// </summary>
    private static async Task<List<BatchState>> FollowAsync(HttpClient client, List<BatchPost> accepted, Func<TimeSpan> left)
    {
        var states = new List<BatchState>(accepted.Count);
        foreach (var post in accepted)
        {
            BatchState? state;
            int wait;
            do
            {
                wait = (int)Math.Clamp(Math.Floor(left().TotalSeconds), 0, WaitSeconds);
                state = await GetAsync(client, post.BatchId!.Value, wait);
                if (state is null && wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
            while (state?.Completed != true && wait > 0);
            states.Add(state ?? new BatchState(false, 0, 0, post.Contacts, null));
        }
        return states;
    }

    /// <summary>
    /// Waits, within the phase's time, for the bulk contact queue to be empty: commands of batches answered other than 202 may
    /// have reached it all the same, and must not run into the Api intake phase.
    /// </summary>
    /// <returns>Commands still waiting when the time was up.</returns>
    private async Task<uint> DrainAsync(Func<TimeSpan> left)
    {
        var ready = await sender.ReadyAsync(BulkContactQueue);
        while (ready > 0 && left() > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            ready = await sender.ReadyAsync(BulkContactQueue);
        }
        return ready;
    }

    /// <returns>The batch as the Api reports it; null when it did not answer 200.</returns>
    private static async Task<BatchState?> GetAsync(HttpClient client, Guid batchId, int waitSeconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/batches/{batchId}");
        if (waitSeconds > 0)
        {
            request.Headers.Add("Prefer", $"wait={waitSeconds}");
        }
        try
        {
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"[bulk] GET /api/v1/batches/{batchId} answered {(int)response.StatusCode}");
                return null;
            }
            var batch = await response.Content.ReadFromJsonAsync<JsonElement>();
            var counts = batch.GetProperty("counts");
            return new BatchState(
                batch.GetProperty("status").GetString() == "completed",
                counts.GetProperty("succeeded").GetInt32(),
                counts.GetProperty("failed").GetInt32(),
                counts.GetProperty("accepted").GetInt32(),
                batch.GetProperty("completedAt") is { ValueKind: JsonValueKind.String } done ? done.GetDateTimeOffset() : null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"[bulk] GET /api/v1/batches/{batchId} failed: {exception.Message}");
            return null;
        }
    }

    /// <summary>
    /// Every succeeded item's completedAt, read from the batches' items after the measurement (so the reading is not in it),
    /// sorted; the errors of the first failed items; and why the items could not be read, if they could not.
    /// </summary>
    private static async Task<(List<DateTimeOffset> Times, List<string> Failures, string? Unread)> CompletionTimesAsync(
        HttpClient client, List<BatchPost> accepted)
    {
        var times = new List<DateTimeOffset>(accepted.Sum(p => p.Contacts));
        var failures = new List<string>();
        try
        {
            foreach (var post in accepted)
            {
                string? after = null;
                do
                {
                    var page = await client.GetFromJsonAsync<JsonElement>(
                        $"/api/v1/batches/{post.BatchId}/items?limit={ItemsPageSize}" + (after is null ? "" : $"&after={after}"));
                    foreach (var item in page.GetProperty("items").EnumerateArray())
                    {
                        var request = item.GetProperty("request");
                        var status = request.GetProperty("status").GetString();
                        if (status == "succeeded" && request.GetProperty("completedAt") is { ValueKind: JsonValueKind.String } done)
                        {
                            times.Add(done.GetDateTimeOffset());
                        }
                        else if (status == "failed" && failures.Count < SampleLimit)
                        {
                            failures.Add($"batch {post.Index} item {item.GetProperty("index").GetInt32()}: {Truncate(request.GetProperty("error").GetRawText())}");
                        }
                    }
                    after = page.GetProperty("next") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null;
                }
                while (after is not null);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ([], failures, exception.Message);
        }
        times.Sort();
        return (times, failures, null);
    }

    private static BulkIntake Intake(List<BatchPost> posts, List<BatchPost> accepted, long started, CpuUsage cpuUsage)
    {
        var first = posts.Count > 0 ? posts.Min(p => p.Sent) : started;
        var seconds = accepted.Count > 0 ? Seconds(first, accepted.Max(p => p.Answered)) : 0;
        var contacts = accepted.Sum(p => p.Contacts);
        var latencies = posts.Select(p => Seconds(p.Sent, p.Answered) * 1000).ToList();
        var timeline = new List<int>();
        foreach (var post in accepted)
        {
            Add(timeline, (int)Seconds(first, post.Answered), post.Contacts);
        }
        return new BulkIntake(
            BatchesAccepted: accepted.Count,
            ContactsAccepted: contacts,
            Seconds: Math.Round(seconds, 2),
            ContactsPerSecond: seconds > 0 ? Math.Round(contacts / seconds, 1) : 0,
            P50Ms: Percentiles.Of(latencies, 50),
            P99Ms: Percentiles.Of(latencies, 99),
            MaxMs: latencies.Count > 0 ? Math.Round(latencies.Max(), 1) : 0,
            Statuses: posts.GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            ErrorSamples: [.. posts.Where(p => p.Error is not null).Take(SampleLimit).Select(p => p.Error!)],
            TimelineContactsAcceptedPerSecond: timeline,
            Cpu: cpuUsage);
    }

    private BulkEndToEnd EndToEnd(List<BatchState> states, CallStats stats, long contactsCreated, DateTimeOffset startedAt, double intakeSeconds,
        List<DateTimeOffset> times, CpuUsage cpuUsage)
    {
        var succeeded = states.Sum(s => s.Succeeded);
        var last = states.Select(s => s.CompletedAt).Where(t => t is not null).Max();
        var seconds = last is { } end ? (end - startedAt).TotalSeconds : 0;
        var perSecond = seconds > 0 ? succeeded / seconds : 0;
        var timeline = new List<int>();
        foreach (var time in times)
        {
            Add(timeline, (int)Math.Max(0, (time - startedAt).TotalSeconds), 1);
        }
        return new BulkEndToEnd(
            BatchesCompleted: states.Count(s => s.Completed),
            Succeeded: succeeded,
            Failed: states.Sum(s => s.Failed),
            StillAccepted: states.Sum(s => s.StillAccepted),
            Seconds: Math.Round(seconds, 2),
            ContactsPerSecond: Math.Round(perSecond, 1),
            PercentOfCeiling: Math.Round(perSecond / CeilingPerSecond * 100, 1),
            PercentOfCeilingDefinition: $"contactsPerSecond / {CeilingPerSecond:0} (HubSpot's call budget × 100 contacts per batch/upsert call)",
            DrainSeconds: seconds > 0 ? Math.Round(seconds - intakeSeconds, 2) : 0,
            HubspotCalls: stats.CrmCalls,
            CallsPerContact: Math.Max(succeeded, contactsCreated) is > 0 and var written ? Math.Round((double)stats.CrmCalls / written, 4) : 0,
            Http429: stats.Http429,
            ContactsCreatedInHubspot: contactsCreated,
            CallsByRoute: stats.ByRoute,
            NonSuccessCalls: stats.NonSuccess,
            TimelineContactsPerSecond: timeline,
            Cpu: cpuUsage);
    }

    /// <summary>
    /// After one rate-limit window's worth of contacts has completed (a budget the Worker saved up before the phase is
    /// spent by then); none when fewer than another window's worth follow, too few to be a rate.
    /// </summary>
    private BulkSustained? Sustained(List<DateTimeOffset> times)
    {
        var after = settings.TenSecondly * 100;
        if (times.Count < 2 * after)
        {
            return null;
        }
        var seconds = (times[^1] - times[after - 1]).TotalSeconds;
        var contacts = times.Count - after;
        var perSecond = seconds > 0 ? contacts / seconds : 0;
        return new BulkSustained(after, contacts, Math.Round(seconds, 2), Math.Round(perSecond, 1), Math.Round(perSecond / CeilingPerSecond * 100, 1));
    }

    private byte[] Body(int batch) => Items("b", batch * settings.BulkBatchSize, settings.BulkBatchSize);

    private byte[] Items(string prefix, int first, int count) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        items = Enumerable.Range(first, count).Select(i => new
        {
            email = $"bench-{settings.RunId}-{prefix}{i}@bench.example.com",
            firstname = "Bench",
            lastname = "Bulk",
            phone = "+1 555 0100",
        }),
    });

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void Add(List<int> buckets, int second, int count)
    {
        while (buckets.Count <= second)
        {
            buckets.Add(0);
        }
        buckets[second] += count;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static double Seconds(long from, long to) => (double)(to - from) / Stopwatch.Frequency;

    /// <param name="Status">The HTTP status, or the exception's name when there was no answer.</param>
    private sealed record BatchPost(int Index, long Sent, long Answered, string Status, Guid? BatchId, int Contacts, string? Error);

    private sealed record BatchState(bool Completed, int Succeeded, int Failed, int StillAccepted, DateTimeOffset? CompletedAt);
}
