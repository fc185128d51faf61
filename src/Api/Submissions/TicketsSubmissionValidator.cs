using System.Text.Json;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// <c>{ contactId, dealIds?, tickets: [{ subject, description, category, pipeline, hs_ticket_priority,
/// hs_pipeline_stage, …any other HubSpot ticket property }] }</c>, mapped to HubSpot's names:
/// description → content, pipeline → hs_pipeline, category → hs_ticket_category (one of its options).
/// </summary>
public sealed class TicketsSubmissionValidator(
    IOptions<SubmissionLimitsOptions> limits,
    IOptions<TicketCategoryOptions> categories) : ISubmissionValidator<CreateTickets>
{
    private static readonly HashSet<string> KnownFields =
        ["subject", "description", "category", "pipeline", "hs_ticket_priority", "hs_pipeline_stage"];

    /// <summary>HubSpot names the body sets through friendlier fields; sending both would be ambiguous.</summary>
    private static readonly Dictionary<string, string> ReservedNames = new(StringComparer.Ordinal)
    {
        ["content"] = "description",
        ["hs_pipeline"] = "pipeline",
        ["hs_ticket_category"] = "category",
    };

    private static readonly string[] Priorities = ["LOW", "MEDIUM", "HIGH"];

    public CreateTickets? Validate(JsonElement body, Guid requestId, ValidationErrors errors)
    {
        var contactId = JsonFields.RequiredObjectId(body, "contactId", "", errors);
        var dealIds = ValidateDealIds(body, errors);
        var items = JsonFields.RequiredArray(body, "tickets", "", errors, limits.Value.MaxTicketsPerRequest) ?? [];
        var tickets = new List<TicketInput>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonFields.Path("tickets", i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, "must be an object");
                continue;
            }
            if (ValidateTicket(items[i], path, errors) is { } ticket)
            {
                tickets.Add(ticket);
            }
        }
        return errors.HasErrors ? null : new CreateTickets(requestId, contactId!, tickets, dealIds);
    }

    private List<string>? ValidateDealIds(JsonElement body, ValidationErrors errors)
    {
        var items = JsonFields.OptionalArray(body, "dealIds", "", errors, limits.Value.MaxDealIdsPerRequest);
        if (items is null)
        {
            return null;
        }
        var ids = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (JsonFields.ObjectId(items[i], JsonFields.Path("dealIds", i), errors) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    private TicketInput? ValidateTicket(JsonElement item, string path, ValidationErrors errors)
    {
        var errorsBefore = errors.Count;
        var subject = JsonFields.RequiredText(item, "subject", path, errors);
        var description = JsonFields.RequiredText(item, "description", path, errors, JsonFields.MaxLongTextLength, multiline: true);
        var category = JsonFields.RequiredText(item, "category", path, errors);
        var pipeline = JsonFields.RequiredText(item, "pipeline", path, errors);
        var priority = JsonFields.RequiredText(item, "hs_ticket_priority", path, errors);
        var stage = JsonFields.RequiredText(item, "hs_pipeline_stage", path, errors);
        var properties = JsonFields.PassThroughProperties(item, path, KnownFields, ReservedNames, errors);

        string? categoryOption = null;
        if (category is not null && !categories.Value.Map.TryGetValue(category, out categoryOption))
        {
            errors.Add(JsonFields.Path(path, "category"), $"must be one of: {string.Join(", ", categories.Value.Map.Keys)}");
        }
        var priorityOption = priority?.ToUpperInvariant();
        if (priorityOption is not null && !Priorities.Contains(priorityOption))
        {
            errors.Add(JsonFields.Path(path, "hs_ticket_priority"), $"must be one of: {string.Join(", ", Priorities)}");
        }
        return errors.Count > errorsBefore
            ? null
            : new TicketInput(subject!, description!, categoryOption!, pipeline!, stage!, priorityOption!,
                properties.Count > 0 ? properties : null);
    }
}
