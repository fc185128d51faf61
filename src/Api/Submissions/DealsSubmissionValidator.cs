using System.Text.Json;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// <c>{ contactId, deals: [{ dealname, amount, dealstage, pipeline?, …any other HubSpot deal property }] }</c>.
/// </summary>
public sealed class DealsSubmissionValidator(IOptions<SubmissionLimitsOptions> limits) : ISubmissionValidator<UpsertDeals>
{
    private const decimal MinimumAmount = 1m;
    private static readonly HashSet<string> KnownFields = ["dealname", "amount", "dealstage", "pipeline"];
    private static readonly Dictionary<string, string> NoReservedNames = [];

    public UpsertDeals? Validate(JsonElement body, Guid requestId, ValidationErrors errors)
    {
        var contactId = JsonFields.RequiredObjectId(body, "contactId", "", errors);
        var items = JsonFields.RequiredArray(body, "deals", "", errors, limits.Value.MaxDealsPerRequest) ?? [];
        var deals = new List<DealInput>(items.Count);
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonFields.Path("deals", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, "must be an object");
                continue;
            }
            var deal = ValidateDeal(items[i], path, errors);
            if (deal is null)
            {
                continue;
            }
            if (names.TryGetValue(deal.Dealname, out var first))
            {
                errors.Add(JsonFields.Path(path, "dealname"), $"repeats deals[{first}].dealname; a contact's deals are matched by name");
                continue;
            }
            names[deal.Dealname] = i;
            deals.Add(deal);
        }
        return errors.HasErrors ? null : new UpsertDeals(requestId, contactId!, deals);
    }

    private static DealInput? ValidateDeal(JsonElement item, string path, ValidationErrors errors)
    {
        var errorsBefore = errors.Count;
        var dealname = JsonFields.RequiredText(item, "dealname", path, errors);
        var amount = JsonFields.RequiredAmount(item, "amount", path, errors, MinimumAmount);
        var dealstage = JsonFields.RequiredText(item, "dealstage", path, errors);
        var pipeline = JsonFields.OptionalText(item, "pipeline", path, errors);
        var properties = JsonFields.PassThroughProperties(item, path, KnownFields, NoReservedNames, errors);
        return errors.Count > errorsBefore
            ? null
            : new DealInput(dealname!, amount!.Value, dealstage!, pipeline, properties.Count > 0 ? properties : null);
    }
}
