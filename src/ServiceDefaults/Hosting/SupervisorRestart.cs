using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HubSpotCrm.ServiceDefaults.Hosting;

/// <summary>
/// Ends the process with <see cref="ExitCode"/> so that its supervisor (compose's restart policy, systemd,
/// Kubernetes, <c>./run.sh</c>) starts a fresh one. This is the cure for a bus that is stuck in ways the process
/// cannot undo itself (an endpoint that never finishes stopping, a publish whose confirm never comes): RabbitMQ hands
/// every unacknowledged message to the new process, and idempotent writes keep that replay to one write.
/// </summary>
public sealed class SupervisorRestart(IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<SupervisorRestart> logger)
{
    /// <summary>EX_TEMPFAIL: a temporary failure; starting again is the remedy.</summary>
    public const int ExitCode = 75;

    /// <summary>A stuck bus may never finish stopping; the process goes anyway after this long.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(20);

    private int _requested;

    public bool IsRequested => Volatile.Read(ref _requested) == 1;

    public void Request(string reason)
    {
        if (Interlocked.Exchange(ref _requested, 1) == 1)
        {
            return;
        }
        logger.LogCritical("{Reason}. Exiting with code {ExitCode} so that the supervisor starts the service again", reason, ExitCode);
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
        _ = Task.Delay(ShutdownGrace, clock, CancellationToken.None).ContinueWith(_ => Environment.Exit(ExitCode), TaskScheduler.Default);
    }
}
