using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Companies;

/// <summary>
/// What happened to one UpsertCompany command: the company HubSpot holds now, whether this command's write created it
/// and the contacts linked to it, or why the command failed.
/// </summary>
public sealed record CompanyUpsertOutcome(
    ConsumeContext<UpsertCompany> Command,
    string Domain,
    string? CompanyId,
    bool Created,
    IReadOnlyList<string> ContactIds,
    Failure? Failure);
