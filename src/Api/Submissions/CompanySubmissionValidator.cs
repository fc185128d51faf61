using System.Text.Json;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// <c>{ domain, name?, contactIds?, primaryCompany?, …any other HubSpot company property }</c>. The domain is normalized
/// here (<see cref="Contracts.Rules.CompanyDomain"/>), so the command carries the form the company is matched by.
/// </summary>
public sealed class CompanySubmissionValidator(IOptions<SubmissionLimitsOptions> limits) : ISubmissionValidator<UpsertCompany>
{
    private static readonly HashSet<string> KnownFields = ["domain", "name", "contactIds", "primaryCompany"];
    private static readonly Dictionary<string, string> NoReservedNames = [];

    public UpsertCompany? Validate(JsonElement body, Guid requestId, ValidationErrors errors)
    {
        var domain = JsonFields.RequiredDomain(body, "domain", "", errors);
        var name = JsonFields.OptionalText(body, "name", "", errors);
        var contactIds = ValidateContactIds(body, errors);
        var primaryCompany = JsonFields.OptionalBoolean(body, "primaryCompany", "", errors);
        var properties = JsonFields.PassThroughProperties(body, "", KnownFields, NoReservedNames, errors);
        if (errors.HasErrors)
        {
            return null;
        }
        if (name is not null)
        {
            properties["name"] = name;
        }
        return new UpsertCompany(requestId, domain!, properties.Count > 0 ? properties : null, contactIds, primaryCompany);
    }

    private List<string>? ValidateContactIds(JsonElement body, ValidationErrors errors)
    {
        var items = JsonFields.OptionalArray(body, "contactIds", "", errors, limits.Value.MaxContactIdsPerRequest);
        if (items is null)
        {
            return null;
        }
        var ids = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (JsonFields.ObjectId(items[i], JsonFields.Path("contactIds", i), errors) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        return ids.Count > 0 ? ids : null;
    }
}
