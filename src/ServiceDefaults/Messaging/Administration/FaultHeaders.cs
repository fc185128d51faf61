using MassTransit;

namespace HubSpotCrm.ServiceDefaults.Messaging.Administration;

/// <summary>
/// Why a message was not processed, as the headers it carries into an _error queue: MassTransit's fault headers, so
/// operators and tools read a message the Worker parked as they read one MassTransit faulted. The raw move to _error
/// (<see cref="BrokerAdministration.MoveToErrorQueueAsync"/>) and the forward through MassTransit write them alike; the
/// retry headers ride along on every delayed retry. Redrive removes exactly these and nothing else.
/// </summary>
public sealed record FaultHeaders(string ExceptionType, string Message, Uri InputAddress)
{
    /// <summary>How many delayed retries a command has had.</summary>
    public const string RetryAttempt = "HubSpotCrm-Retry-Attempt";

    /// <summary>Why the last attempt failed.</summary>
    public const string FailureReason = "HubSpotCrm-Failure-Reason";

    /// <summary>
    /// The fault and retry headers, the broker's dead-letter trail through the wait queues, and the count of deliveries a
    /// quorum queue adds to a message taken and put back (as the management UI's "get messages" does).
    /// </summary>
    private static readonly string[] FaultAndRetryPrefixes = ["MT-Fault-", "MT-Reason", RetryAttempt, FailureReason, "x-death", "x-first-death", "x-delivery-count"];

    public void WriteTo(IDictionary<string, object?> headers)
    {
        foreach (var (name, value) in Headers())
        {
            headers[name] = value;
        }
    }

    public void WriteTo(SendHeaders headers)
    {
        foreach (var (name, value) in Headers())
        {
            headers.Set(name, value);
        }
    }

    /// <summary>The retry headers of a command sent back for attempt <paramref name="attempt"/>; a parked one has no reason.</summary>
    public static void WriteRetry(SendHeaders headers, int attempt, string? reason)
    {
        headers.Set(RetryAttempt, attempt);
        if (reason is not null)
        {
            headers.Set(FailureReason, reason);
        }
    }

    /// <summary>Whether redrive removes <paramref name="header"/>: it is a fault or retry header.</summary>
    public static bool IsFaultOrRetry(string header) => FaultAndRetryPrefixes.Any(prefix => header.StartsWith(prefix, StringComparison.Ordinal));

    private IEnumerable<KeyValuePair<string, string>> Headers() =>
    [
        new(MessageHeaders.Reason, "fault"),
        new(MessageHeaders.FaultExceptionType, ExceptionType),
        new(MessageHeaders.FaultMessage, Message),
        new(MessageHeaders.FaultTimestamp, DateTime.UtcNow.ToString("O")),
        new(MessageHeaders.FaultInputAddress, InputAddress.ToString()),
    ];
}
