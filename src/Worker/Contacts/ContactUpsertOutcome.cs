using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Contacts;

/// <summary>What happened to one <see cref="ContactWrite"/>: the contact HubSpot holds now, or why it was refused.</summary>
public sealed record ContactUpsertOutcome(ContactWrite Write, HubSpotObject? Contact, Failure? Failure);
