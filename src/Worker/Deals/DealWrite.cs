using System.Globalization;
using HubSpotCrm.Contracts.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Deals;

/// <summary>
/// One deal to write for one contact: every deal in the batch with the same name for that contact, in arrival order.
/// HubSpot gets them as one input, merged so the later command wins (<see cref="Commands.MergedWrites"/>), and each
/// is answered on its own.
/// </summary>
public sealed class DealWrite(string contactId, string dealname, string? existingId)
{
    public string ContactId { get; } = contactId;

    /// <summary>The name as the first command gave it; every name of the write is the same once normalized.</summary>
    public string Dealname { get; } = dealname;

    /// <summary>The contact's existing deal of this name, when it has one.</summary>
    public string? ExistingId { get; } = existingId;

    public List<DealTarget> Targets { get; } = [];
}

/// <summary>A deal of a command: the command, the deal's position in it, and the properties it writes.</summary>
public sealed record DealTarget(ConsumeContext<UpsertDeals> Command, int Index)
{
    public string Dealname => Command.Message.Deals[Index].Dealname.Trim();

    public IReadOnlyDictionary<string, string> Properties { get; } = PropertiesOf(Command.Message.Deals[Index]);

    private static Dictionary<string, string> PropertiesOf(DealInput deal)
    {
        var properties = new Dictionary<string, string>(deal.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["dealname"] = deal.Dealname.Trim(),
            ["amount"] = deal.Amount.ToString(CultureInfo.InvariantCulture),
            ["dealstage"] = deal.Dealstage,
        };
        if (deal.Pipeline is { } pipeline)
        {
            properties["pipeline"] = pipeline;
        }
        return properties;
    }
}
