using System.Text.Json.Serialization;

namespace HubSpotCrm.Contracts.Commands;

/// <summary>Create or update one HubSpot company, matched by its domain (normalized: <see cref="Rules.CompanyDomain"/>).</summary>
/// <param name="RequestId">Caller-chosen id; every result event carries it back.</param>
/// <param name="Domain">The company's domain, or a web address with it: https://www.Example.com/about is example.com.</param>
/// <param name="Properties">HubSpot company properties by internal name (name, industry, city, …); domain is set from <paramref name="Domain"/>.</param>
/// <param name="ContactIds">HubSpot contacts to link to the company; a link that exists already stays one.</param>
/// <param name="PrimaryCompany">True: the company becomes the primary company of those contacts (HubSpot moves the label from
/// their previous one). False or left out: they are linked unlabelled, and their primary company stays what it was.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpsertCompany(
    [property: JsonRequired] Guid RequestId,
    [property: JsonRequired] string Domain,
    IReadOnlyDictionary<string, string>? Properties = null,
    IReadOnlyList<string>? ContactIds = null,
    bool? PrimaryCompany = null) : ICommand;
