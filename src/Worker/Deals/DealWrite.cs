using HubSpotCrm.Contracts.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Deals;

/// <summary>
/// One deal to write for one contact, made of every deal in the batch with the same name for that contact: later
/// commands win, and each of them is answered with the one result.
/// </summary>
public sealed class DealWrite(string contactId, string dealname)
{
    public string ContactId { get; } = contactId;

    public string Dealname { get; private set; } = dealname;

    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    public List<DealTarget> Targets { get; } = [];

    /// <summary>The contact's existing deal of this name, when it has one.</summary>
    public string? ExistingId { get; set; }

    public void Add(ConsumeContext<UpsertDeals> command, int index)
    {
        var deal = command.Message.Deals[index];
        Dealname = deal.Dealname.Trim();
        foreach (var (name, value) in deal.Properties ?? new Dictionary<string, string>())
        {
            Properties[name] = value;
        }
        Properties["dealname"] = Dealname;
        Properties["amount"] = deal.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Properties["dealstage"] = deal.Dealstage;
        if (deal.Pipeline is { } pipeline)
        {
            Properties["pipeline"] = pipeline;
        }
        Targets.Add(new DealTarget(command, index));
    }
}

/// <summary>A deal of a command: the command and the deal's position in it.</summary>
public sealed record DealTarget(ConsumeContext<UpsertDeals> Command, int Index);
