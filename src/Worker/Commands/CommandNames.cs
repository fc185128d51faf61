using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.ServiceDefaults.Messaging;

namespace HubSpotCrm.Worker.Commands;

public static class CommandNames
{
    public static string Of<TCommand>() => typeof(TCommand).Name switch
    {
        nameof(UpsertContact) => BusTopology.UpsertContactCommand,
        nameof(UpsertDeals) => BusTopology.UpsertDealsCommand,
        nameof(CreateTickets) => BusTopology.CreateTicketsCommand,
        var other => other,
    };

    public static Guid RequestIdOf(object command) => command switch
    {
        UpsertContact c => c.RequestId,
        UpsertDeals d => d.RequestId,
        CreateTickets t => t.RequestId,
        _ => Guid.Empty,
    };
}
