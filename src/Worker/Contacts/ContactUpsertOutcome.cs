using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// What happened to one contact command: the contact HubSpot holds now and whether this command's write created
/// it, or why HubSpot refused the command.
/// </summary>
public sealed record ContactUpsertOutcome(ContactCommand Command, string Email, string? ContactId, bool Created, Failure? Failure);
