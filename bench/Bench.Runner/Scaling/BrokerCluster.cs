using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace HubSpotCrm.Bench.Scaling;

/// <summary>
/// The 3-node RabbitMQ cluster of scripts/rabbitmq/cluster.sh, for the shared-budget phase on it: started when the phase
/// begins and stopped when it ends, so that its three Erlang VMs take no CPU from the other phases. A cluster someone
/// already runs (the cluster tests) is used as it is and left running; only the phase's vhost is removed from it. While
/// a cluster the runner started runs, <see cref="StartedMarker"/> says so in the results folder: run.sh's clean-up stops
/// the cluster when the runner could not.
/// </summary>
internal sealed class BrokerCluster : IAsyncDisposable
{
    public const string StartedMarker = "cluster-started-by-runner";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private readonly string _script;
    private readonly string? _marker;
    private readonly HttpClient _management;
    private readonly string _virtualHost;

    private BrokerCluster(string script, string? marker, HttpClient management, string virtualHost, Uri amqpUri, double startSeconds)
    {
        _script = script;
        _marker = marker;
        _management = management;
        _virtualHost = virtualHost;
        AmqpUri = amqpUri;
        StartSeconds = startSeconds;
    }

    /// <summary>guest on node 1, in the phase's vhost: where the runner publishes and listens.</summary>
    public Uri AmqpUri { get; }

    /// <summary>How long starting the cluster took (0 when it was running already).</summary>
    public double StartSeconds { get; }

    public static async Task<BrokerCluster> StartAsync(string script, string virtualHost, string resultsDirectory)
    {
        var started = Stopwatch.GetTimestamp();
        var managementUrl = (await RunAsync(script, "management")).Trim();
        var management = new HttpClient { BaseAddress = new Uri(managementUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        string? marker = null;
        try
        {
            var running = await AnswersAsync(management);
            if (!running)
            {
                Console.WriteLine("[cluster] starting the 3-node cluster (scripts/rabbitmq/cluster.sh start)…");
                marker = Path.Combine(resultsDirectory, StartedMarker);
                await File.WriteAllTextAsync(marker, script + "\n");
                await RunAsync(script, "start");
            }
            var vhost = Uri.EscapeDataString(virtualHost);
            using (var created = await management.PutAsync($"vhosts/{vhost}", null))
            {
                created.EnsureSuccessStatusCode();
            }
            using (var permitted = await management.PutAsync($"permissions/{vhost}/guest",
                       new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json")))
            {
                permitted.EnsureSuccessStatusCode();
            }
            var node = (await RunAsync(script, "nodes")).Trim().Split(',')[0];
            var seconds = running ? 0 : Stopwatch.GetElapsedTime(started).TotalSeconds;
            return new BrokerCluster(script, marker, management, virtualHost, new Uri($"amqp://guest:guest@{node}/{vhost}"), seconds);
        }
        catch
        {
            await CleanUpAsync(script, marker, management, virtualHost);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await CleanUpAsync(_script, _marker, _management, _virtualHost);

    /// <summary>Stops the cluster if the runner started it (its <paramref name="marker"/>), else removes the phase's vhost from it.</summary>
    private static async Task CleanUpAsync(string script, string? marker, HttpClient management, string virtualHost)
    {
        try
        {
            if (marker is not null)
            {
                await RunAsync(script, "stop");
                File.Delete(marker);
            }
            else
            {
                using var deleted = await management.DeleteAsync($"vhosts/{Uri.EscapeDataString(virtualHost)}");
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"[cluster] could not clean up: {exception.Message}");
        }
        finally
        {
            management.Dispose();
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient management)
    {
        try
        {
            using var overview = await management.GetAsync("overview");
            return overview.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the script; its progress (stderr) goes to the runner's log, its stdout is returned.</summary>
    private static async Task<string> RunAsync(string script, string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, ArgumentList = { script, command } };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{script} {command} could not be started.");
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} {command} did not finish within {ScriptTimeout.TotalMinutes:0} minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {command} exited with {process.ExitCode} (its messages are in the runner's log).");
        }
        return await output;
    }
}
