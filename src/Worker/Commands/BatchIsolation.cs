using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// HubSpot refuses a whole batch for one bad input. This narrows a refused batch down so good inputs are never failed
/// for a bad one: inputs the error names are failed at once and the rest is sent again; when the error names none,
/// the batch is halved until each bad input stands alone. Each call is all-or-nothing, so nothing is written twice.
/// </summary>
public static class BatchIsolation
{
    public static async Task RunAsync<TWrite>(
        IReadOnlyList<TWrite> writes,
        Func<TWrite, IReadOnlyDictionary<string, string>> propertiesOf,
        Func<IReadOnlyList<TWrite>, Task> send,
        Action<TWrite, Failure> fail,
        ILogger logger)
    {
        if (writes.Count == 0)
        {
            return;
        }
        try
        {
            await send(writes);
        }
        catch (HubSpotApiException refused) when (refused.Status is >= 400 and < 500)
        {
            if (writes.Count == 1)
            {
                fail(writes[0], CommandFailures.From(refused));
                return;
            }
            var named = NamedByError(writes, refused.Body, propertiesOf);
            logger.LogInformation("HubSpot refused a batch of {Count} inputs ({Category}); isolating the bad ones ({Named} named by the error)",
                writes.Count, refused.Category, named.Count);
            if (named.Count > 0 && named.Count < writes.Count)
            {
                foreach (var write in named)
                {
                    fail(write, CommandFailures.From(refused));
                }
                await RunAsync([.. writes.Except(named)], propertiesOf, send, fail, logger);
                return;
            }
            var half = writes.Count / 2;
            await RunAsync([.. writes.Take(half)], propertiesOf, send, fail, logger);
            await RunAsync([.. writes.Skip(half)], propertiesOf, send, fail, logger);
        }
    }

    /// <summary>
    /// The inputs a validation error certainly points at: those setting a property that does not exist or is
    /// read-only, those whose email HubSpot calls invalid, those holding the exact value HubSpot says is no option.
    /// </summary>
    public static List<TWrite> NamedByError<TWrite>(IReadOnlyList<TWrite> writes, HubSpotErrorBody body,
        Func<TWrite, IReadOnlyDictionary<string, string>> propertiesOf)
    {
        var errors = PropertyValueErrors.Parse(body);
        return [.. writes.Where(write => errors.Any(error => error.Name is { } name && Names(propertiesOf(write), name, error)))];
    }

    private static bool Names(IReadOnlyDictionary<string, string> properties, string name, PropertyValueError error)
    {
        if (!properties.TryGetValue(name, out var value))
        {
            return false;
        }
        return error.Error switch
        {
            "PROPERTY_DOESNT_EXIST" => true,
            { } code when code.Contains("READ_ONLY", StringComparison.Ordinal) => true,
            "INVALID_EMAIL" => error.Message?.Contains(value, StringComparison.OrdinalIgnoreCase) == true,
            "INVALID_OPTION" => error.Message?.StartsWith(value + " was not one of the allowed options", StringComparison.Ordinal) == true,
            _ => false,
        };
    }
}
