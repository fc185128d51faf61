using System.Diagnostics;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// Stops and starts the local RabbitMQ node (rabbitmqctl stop_app / start_app), for outage tests. Needs the local
/// server and the rights to control it (root, as ./test.sh and CI run).
/// </summary>
public static class BrokerControl
{
    public static Task StopAsync() => RunAsync("stop_app");

    public static async Task StartAsync()
    {
        await RunAsync("start_app");
        await RunAsync("await_startup", "--timeout", "60");
    }

    private static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Outage tests control the local RabbitMQ with rabbitmqctl, which is not on PATH. " +
                "Run the tests with ./test.sh on a machine with the local RabbitMQ (see README).", exception);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}. Outage tests need root (./test.sh runs as root in CI).");
            }
        }
    }
}
