using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>
/// What happened to one UpsertContact command: the contact HubSpot holds now and whether this command's write created
/// it, or why HubSpot refused the command.
/// </summary>
public sealed record ContactUpsertOutcome(ConsumeContext<UpsertContact> Command, string Email, string? ContactId, bool Created, Failure? Failure);
