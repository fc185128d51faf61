using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Contacts;

public sealed class UpsertContactValidator : ICommandValidator<UpsertContact>
{
    public IReadOnlyList<string> Validate(UpsertContact command)
    {
        var problems = new List<string>();
        CommandRules.RequireRequestId(command.RequestId, problems);
        CommandRules.RequireText(command.Email, "email", problems);
        if (command.Email is { } email && (email.Trim().Length > 254 || email.Count(c => c == '@') != 1 || email.Any(char.IsWhiteSpace)))
        {
            problems.Add("email must be one email address");
        }
        CommandRules.RequirePropertyNames(command.Properties, "properties", problems);
        return problems;
    }
}
