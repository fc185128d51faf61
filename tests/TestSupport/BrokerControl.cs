using System.Diagnostics;

namespace HubSpotCrm.TestSupport;

/// <summary>
/// Stops and starts the local RabbitMQ node (rabbitmqctl stop_app / start_app), makes it stop reading what publishers
/// send, or breaks it as a RabbitMQ bug does, for outage tests. Needs the local server and the rights to control it
/// (root, as ./test.sh and CI run).
/// </summary>
public static class BrokerControl
{
    public static Task StopAsync() => RunAsync("stop_app");

    public static async Task StartAsync()
    {
        await RunAsync("start_app");
        await RunAsync("await_startup", "--timeout", "60");
    }

    /// <summary>
    /// Raises a memory alarm (watermark 0): the node blocks every publishing connection and leaves what they send
    /// unread in the socket until <see cref="UnblockPublishersAsync"/>. A publisher waiting for its confirm gives up;
    /// the message still lands once the alarm clears, the one outage where "refused" and "got through" meet.
    /// </summary>
    public static Task BlockPublishersAsync() => RunAsync("set_vm_memory_high_watermark", "0");

    /// <summary>Back to RabbitMQ's default watermark of 40 % of memory.</summary>
    public static Task UnblockPublishersAsync() => RunAsync("set_vm_memory_high_watermark", "0.4");

    /// <summary>
    /// Replaces the node's <c>pg</c> process (Erlang's process groups) with an empty one, as RabbitMQ 3.10 does when the
    /// vhost whose process happened to start it is deleted and the next vhost starts another. The shovel plugin's
    /// supervisor is then in no group, so it no longer finds its own children: a shovel named as one that deleted itself
    /// is never started. The new one is linked to nothing; each group's members are kept on the node for
    /// <see cref="RestoreProcessGroupsAsync"/>.
    /// </summary>
    public static Task EmptyProcessGroupsAsync() => RunAsync("eval",
        "P = whereis(pg), persistent_term:put(hubspotcrm_tests_pg_groups, [{G, pg:get_local_members(G)} || G <- pg:which_groups()]), " +
        "R = erlang:monitor(process, P), exit(P, kill), receive {'DOWN', R, _, _, _} -> ok end, {ok, _} = pg:start(pg), ok.");

    /// <summary>Puts the members <see cref="EmptyProcessGroupsAsync"/> kept, those still alive, back in their groups.</summary>
    public static Task RestoreProcessGroupsAsync() => RunAsync("eval",
        "[pg:join(G, [P || P <- Ps, is_process_alive(P)]) || {G, Ps} <- persistent_term:get(hubspotcrm_tests_pg_groups, [])], " +
        "persistent_term:erase(hubspotcrm_tests_pg_groups), ok.");

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
