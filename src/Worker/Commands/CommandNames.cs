using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Worker.Commands;

public static class CommandNames
{
    /// <summary>The command's name on the wire, in CommandFailed and in metrics: the catalogue's.</summary>
    public static string Of<TCommand>() => CommandCatalogue.For<TCommand>().Name;

    /// <summary>The requests a command answers: its own, or each of a bulk command's.</summary>
    public static IReadOnlyList<Guid> RequestIdsOf(object command) => command switch
    {
        ICommand single => [single.RequestId],
        IBulkCommand bulk => [.. bulk.RequestIds.Distinct()],
        _ => [],
    };
}
