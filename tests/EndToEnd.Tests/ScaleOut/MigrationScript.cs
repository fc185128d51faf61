using System.ComponentModel;
using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>scripts/rabbitmq/migrate-to-quorum.py, run with python3 as an operator runs it.</summary>
public static class MigrationScript
{
    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "scripts", "rabbitmq", "migrate-to-quorum.py");

    /// <summary>The management API and the vhost go in through the environment (RABBITMQ_MANAGEMENT_URL, RABBITMQ_VHOST), as documented.</summary>
    public static async Task<ScriptRun> RunAsync(Uri management, string vhost, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", [Path, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RABBITMQ_MANAGEMENT_URL"] = management.ToString();
        start.Environment["RABBITMQ_VHOST"] = vhost;
        start.Environment["PYTHONUNBUFFERED"] = "1";
        Process python;
        try
        {
            python = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("python3 is not on PATH: the migration script runs with it (apt-get install python3).", e);
        }
        using (python)
        {
            var stdout = python.StandardOutput.ReadToEndAsync();
            var stderr = python.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await python.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                python.Kill();
                throw new TimeoutException($"migrate-to-quorum.py did not exit within 5 minutes. Output so far: {await stdout}");
            }
            return new ScriptRun(python.ExitCode, await stdout, await stderr);
        }
    }
}

public sealed record ScriptRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
