using System.Collections.Concurrent;
using System.Diagnostics;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// One of our services (Api, Worker, emulator) as a real process, started from its built DLL on a free port with the
/// given settings. It can be killed with SIGKILL and started again; its output goes to a log file and stays in memory.
/// Like the supervisor a deployment runs it under, it starts the service again when it exits asking for that
/// (<see cref="RestartExitCode"/>, the code of the services' consumer watchdog).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _project;
    private readonly Dictionary<string, string> _environment;
    private readonly string _readyPath;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter _log;
    private Process? _process;
    private bool _disposed;

    /// <summary>EX_TEMPFAIL, as <c>SupervisorRestart.ExitCode</c> in the services.</summary>
    public const int RestartExitCode = 75;

    /// <summary>What <see cref="Output"/> shows when the test's supervisor starts the service again.</summary>
    public const string SupervisorRestartLine = "[test supervisor]";

    public ServiceProcess(string name, string project, int port, IReadOnlyDictionary<string, string> environment, string readyPath = "/health/ready")
    {
        Name = name;
        _project = project;
        Port = port;
        _readyPath = readyPath;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        LogFile = Path.Combine(Repository.LogDirectory, $"{name}-{port}.log");
        _log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        _environment = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = BaseUrl.ToString().TrimEnd('/'),
            ["Urls"] = BaseUrl.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? "Production",
            ["DOTNET_ENVIRONMENT"] = environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? "Production",
            ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
            ["DOTNET_gcServer"] = "0",
        };
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public string LogFile { get; }

    /// <summary>Everything the process wrote to stdout and stderr, across restarts.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process's id, to read what the operating system says of it (/proc/{pid}/status).</summary>
    public int? Pid => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>The exit code of the last run, once it ended.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    public void Set(string key, string value) => _environment[key] = value;

    public async Task StartAsync(TimeSpan? readyTimeout = null)
    {
        var start = new ProcessStartInfo("dotnet", [Repository.ServiceDll(_project)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Repository.ServiceDll(_project))!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Exited += (_, _) => RestartIfAsked(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL: no shutdown hooks, unacknowledged messages go back to the queue.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process?.ExitCode} before it was ready. Last output:\n{Tail()}");
            }
            try
            {
                var response = await http.GetAsync(new Uri(BaseUrl, _readyPath));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready at {_readyPath} within {timeout.TotalSeconds:0} s. Last output:\n{Tail()}");
            }
            await Task.Delay(200);
        }
    }

    private void RestartIfAsked(Process exited)
    {
        if (_disposed || !ReferenceEquals(exited, _process) || exited.ExitCode != RestartExitCode)
        {
            return;
        }
        Record($"{SupervisorRestartLine} {Name} exited with code {RestartExitCode}; starting it again");
        _ = Task.Run(async () =>
        {
            try
            {
                await StartAsync();
            }
            catch (Exception exception)
            {
                Record($"{SupervisorRestartLine} {Name} did not start again: {exception.Message}");
            }
        });
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        lock (_output)
        {
            _log.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        lock (_output)
        {
            _log.WriteLine(line);
        }
    }
}
