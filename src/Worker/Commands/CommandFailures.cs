using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Commands;

/// <summary>The failure codes of <see cref="CommandFailed"/>, and how HubSpot errors map onto them.</summary>
public static class CommandFailures
{
    public const string InvalidCommand = "invalid_command";
    public const string ContactNotFound = "contact_not_found";
    public const string HubSpotRejected = "hubspot_rejected";
    public const string PartialFailure = "partial_failure";
    public const string RetriesExhausted = "retries_exhausted";

    public static Failure From(HubSpotApiException exception) =>
        new(HubSpotRejected, exception.Message, new HubSpotErrorInfo(exception.Status, exception.Category, exception.CorrelationId));

    public static Failure From(BatchError error, int status) =>
        new(HubSpotRejected, error.Message ?? "HubSpot refused this object.", new HubSpotErrorInfo(status, error.Category, null));

    public static CommandFailed ToEvent(this Failure failure, Guid requestId, string command, IReadOnlyList<ItemFailure>? items = null) =>
        new(requestId, command, failure.Code, failure.Message, failure.HubSpot, items);
}

/// <summary>Why one object or one command could not be written.</summary>
public sealed record Failure(string Code, string Message, HubSpotErrorInfo? HubSpot = null);
