using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>The Worker's redrive command, run as an operator runs it: one message of hubspot.upsert-contact_error back.</summary>
public static class RedriveProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(Uri amqpUri, Action<Dictionary<string, string>> configure)
    {
        var settings = new Dictionary<string, string> { ["RabbitMq__Uri"] = amqpUri.ToString(), ["MASSTRANSIT_USAGE_TELEMETRY"] = "false" };
        configure(settings);
        var start = new ProcessStartInfo("dotnet", [Repository.ServiceDll("HubSpotCrm.Worker"), "redrive", "hubspot.upsert-contact", "--count", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Repository.ServiceDll("HubSpotCrm.Worker"))!,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
