using System.Text.Json;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// What each command queue accepts: the command's published JSON Schema, checked on the JSON itself before it is read
/// as a .NET type, because other services publish straight to the queues and the deserializer's own errors neither name
/// the field nor catch every mistake.
/// </summary>
public static class CommandSchemas
{
    /// <summary>The checks run on <paramref name="message"/> of the command whose queue is <paramref name="queue"/>.</summary>
    public static JsonChecks Check(string queue, JsonElement message)
    {
        var checks = new JsonChecks();
        if (CommandCatalogue.ForQueue(queue) is { } command)
        {
            checks.Check(WireSchemas.Of(command.Name), message, "");
        }
        return checks;
    }
}
