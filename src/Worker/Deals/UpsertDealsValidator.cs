using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Deals;

public sealed class UpsertDealsValidator : ICommandValidator<UpsertDeals>
{
    public IReadOnlyList<string> Validate(UpsertDeals command)
    {
        var problems = new List<string>();
        CommandRules.RequireRequestId(command.RequestId, problems);
        CommandRules.RequireObjectId(command.ContactId, "contactId", problems);
        CommandRules.RequireItems(command.Deals, "deals", problems);
        for (var i = 0; i < (command.Deals?.Count ?? 0); i++)
        {
            var deal = command.Deals![i];
            if (deal is null)
            {
                problems.Add($"deals[{i}] must be an object");
                continue;
            }
            CommandRules.RequireText(deal.Dealname, $"deals[{i}].dealname", problems);
            CommandRules.RequireText(deal.Dealstage, $"deals[{i}].dealstage", problems);
            CommandRules.RequirePropertyNames(deal.Properties, $"deals[{i}].properties", problems);
        }
        return problems;
    }
}
