using System.Text.Json;
using HubSpotCrm.ServiceDefaults.Messaging;

namespace HubSpotCrm.Worker.Commands;

/// <summary>
/// What each command queue accepts, checked on the JSON itself before it is read as a .NET type: other services
/// publish straight to the queues, and the deserializer's own errors neither name the field nor catch every mistake.
/// Every text keeps <see cref="TextRules"/>; only a ticket's content and property values may span lines.
/// </summary>
public static class CommandSchemas
{
    /// <summary>The checks run on <paramref name="message"/>: their problems, the first of them listed.</summary>
    public static JsonChecks Check(string queue, JsonElement message)
    {
        var checks = new JsonChecks();
        Action<JsonElement, string> schema = queue switch
        {
            BusTopology.UpsertContactQueue => (m, p) => checks.Object(m, p, new Dictionary<string, Action<JsonElement, string>>
            {
                ["requestId"] = checks.RequestId,
                ["email"] = checks.Email,
                ["properties"] = checks.Properties,
            }, Required("requestId", "email")),
            BusTopology.UpsertDealsQueue => (m, p) => checks.Object(m, p, new Dictionary<string, Action<JsonElement, string>>
            {
                ["requestId"] = checks.RequestId,
                ["contactId"] = checks.ObjectId,
                ["deals"] = (deals, path) => checks.Array(deals, path, (deal, at) => checks.Object(deal, at, new Dictionary<string, Action<JsonElement, string>>
                {
                    ["dealname"] = checks.Text,
                    ["amount"] = checks.Number,
                    ["dealstage"] = checks.Text,
                    ["pipeline"] = checks.Text,
                    ["properties"] = checks.Properties,
                }, Required("dealname", "amount", "dealstage"))),
            }, Required("requestId", "contactId", "deals")),
            BusTopology.CreateTicketsQueue => (m, p) => checks.Object(m, p, new Dictionary<string, Action<JsonElement, string>>
            {
                ["requestId"] = checks.RequestId,
                ["contactId"] = checks.ObjectId,
                ["dealIds"] = (ids, path) => checks.Array(ids, path, checks.ObjectId, allowEmpty: true),
                ["tickets"] = (tickets, path) => checks.Array(tickets, path, (ticket, at) => checks.Object(ticket, at, new Dictionary<string, Action<JsonElement, string>>
                {
                    ["subject"] = checks.Text,
                    ["content"] = checks.LongText,
                    ["category"] = checks.Text,
                    ["pipeline"] = checks.Text,
                    ["pipelineStage"] = checks.Text,
                    ["priority"] = checks.Text,
                    ["properties"] = checks.Properties,
                }, Required("subject", "content", "category", "pipeline", "pipelineStage", "priority"))),
            }, Required("requestId", "contactId", "tickets")),
            _ => (_, _) => { },
        };
        schema(message, "");
        return checks;
    }

    private static HashSet<string> Required(params string[] fields) => new(fields, StringComparer.OrdinalIgnoreCase);
}
