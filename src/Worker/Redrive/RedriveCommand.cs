using System.Globalization;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.ServiceDefaults.Messaging.Administration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Redrive;

/// <summary>
/// <c>redrive &lt;queue&gt; [--count N]</c>: moves messages from "&lt;queue&gt;_error" back to "&lt;queue&gt;", without the
/// fault headers and with their retries reset, once whatever failed them has been fixed. The management UI's "Move
/// messages" does the same through the shovel plugin.
/// </summary>
public static class RedriveCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "redrive";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("Usage: redrive <queue> [--count N]   e.g. redrive hubspot.upsert-contact");
            return 2;
        }
        var queue = args[1].EndsWith("_error", StringComparison.Ordinal) ? args[1][..^"_error".Length] : args[1];
        var count = args.Length >= 4 && args[2] == "--count" ? int.Parse(args[3], CultureInfo.InvariantCulture) : int.MaxValue;

        var configuration = Host.CreateApplicationBuilder(args[2..]).Configuration;
        var options = configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        await using var administration = new BrokerAdministration(Options.Create(options), "hubspot-crm-redrive", NullLogger<BrokerAdministration>.Instance);

        var errorQueue = WaitQueueNames.ErrorQueue(queue);
        var moved = await administration.RedriveAsync(errorQueue, queue, count, CancellationToken.None);
        Console.WriteLine($"Moved {moved} message(s) from {errorQueue} back to {queue}.");
        return 0;
    }
}
