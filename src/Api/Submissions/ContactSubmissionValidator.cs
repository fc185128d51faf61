using System.Text.Json;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// <c>{ email, firstname, lastname, phone, …any other HubSpot contact property }</c>, the old service's body.
/// </summary>
public sealed class ContactSubmissionValidator : ISubmissionValidator<UpsertContact>
{
    private static readonly HashSet<string> KnownFields = ["email", "firstname", "lastname", "phone"];
    private static readonly Dictionary<string, string> NoReservedNames = [];

    public UpsertContact? Validate(JsonElement body, Guid requestId, ValidationErrors errors)
    {
        var email = JsonFields.RequiredEmail(body, "email", "", errors);
        var firstname = JsonFields.RequiredText(body, "firstname", "", errors);
        var lastname = JsonFields.RequiredText(body, "lastname", "", errors);
        var phone = JsonFields.RequiredPhone(body, "phone", "", errors);
        var properties = JsonFields.PassThroughProperties(body, "", KnownFields, NoReservedNames, errors);
        if (errors.HasErrors)
        {
            return null;
        }
        properties["firstname"] = firstname!;
        properties["lastname"] = lastname!;
        properties["phone"] = phone!;
        return new UpsertContact(requestId, email!, properties);
    }
}
