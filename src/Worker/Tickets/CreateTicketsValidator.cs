using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;

namespace HubSpotCrm.Worker.Tickets;

public sealed class CreateTicketsValidator : ICommandValidator<CreateTickets>
{
    public IReadOnlyList<string> Validate(CreateTickets command)
    {
        var problems = new List<string>();
        CommandRules.RequireRequestId(command.RequestId, problems);
        CommandRules.RequireObjectId(command.ContactId, "contactId", problems);
        CommandRules.RequireItems(command.Tickets, "tickets", problems);
        for (var i = 0; i < (command.DealIds?.Count ?? 0); i++)
        {
            CommandRules.RequireObjectId(command.DealIds![i], $"dealIds[{i}]", problems);
        }
        for (var i = 0; i < (command.Tickets?.Count ?? 0); i++)
        {
            var ticket = command.Tickets![i];
            if (ticket is null)
            {
                problems.Add($"tickets[{i}] must be an object");
                continue;
            }
            CommandRules.RequireText(ticket.Subject, $"tickets[{i}].subject", problems);
            CommandRules.RequireText(ticket.Content, $"tickets[{i}].content", problems);
            CommandRules.RequireText(ticket.Category, $"tickets[{i}].category", problems);
            CommandRules.RequireText(ticket.Pipeline, $"tickets[{i}].pipeline", problems);
            CommandRules.RequireText(ticket.PipelineStage, $"tickets[{i}].pipelineStage", problems);
            CommandRules.RequireText(ticket.Priority, $"tickets[{i}].priority", problems);
            CommandRules.RequirePropertyNames(ticket.Properties, $"tickets[{i}].properties", problems);
        }
        return problems;
    }
}
