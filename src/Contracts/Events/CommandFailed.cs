namespace HubSpotCrm.Contracts.Events;

/// <summary>A command could not be carried out. Published once per failed command.</summary>
/// <param name="Command">The command's name: upsert-contact, upsert-deals or create-tickets.</param>
/// <param name="Code">A stable, machine-readable reason, e.g. contact_not_found, hubspot_rejected, invalid_command.</param>
/// <param name="Message">A human-readable reason; HubSpot's own message when HubSpot rejected the call.</param>
/// <param name="HubSpot">Set when HubSpot caused the failure.</param>
/// <param name="Items">Per-object failures, when only some objects of the command failed.</param>
public sealed record CommandFailed(
    Guid RequestId,
    string Command,
    string Code,
    string Message,
    HubSpotErrorInfo? HubSpot = null,
    IReadOnlyList<ItemFailure>? Items = null);
