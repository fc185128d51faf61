using System.ComponentModel;
using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>scripts/rabbitmq/migrate-to-quorum.py, run with python3 as an operator runs it.</summary>
public static class MigrationScript
{
    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "scripts", "rabbitmq", "migrate-to-quorum.py");

    /// <summary>
    /// The management API and the vhost go in through the environment (RABBITMQ_MANAGEMENT_URL, RABBITMQ_VHOST), as
    /// documented. A move may take 2 minutes, not the 10 an operator gets, so that a stuck one ends the script with the
    /// shovel's state before the test gives up on the script.
    /// </summary>
    public static async Task<ScriptRun> RunAsync(Uri management, string vhost, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", [Path, "--timeout", "120", .. arguments])
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
                var output = (await stdout).TrimEnd().Split('\n');
                throw new TimeoutException($"migrate-to-quorum.py did not exit within 5 minutes. Its last lines: {string.Join(" | ", output.TakeLast(5))}. " +
                    $"Stderr: {await stderr}. Whole output: {string.Join('\n', output)}");
            }
            return new ScriptRun(python.ExitCode, await stdout, await stderr);
        }
    }
}

public sealed record ScriptRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stderr first: CI shows only the first lines of a failure, and the reason the script stopped is there.</summary>
    public override string ToString() => $"exit code {ExitCode}\nstderr:\n{Stderr}\nstdout:\n{Stdout}";
}
