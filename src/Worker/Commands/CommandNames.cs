using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;

namespace HubSpotCrm.Worker.Commands;

public static class CommandNames
{
    /// <summary>The command's name on the wire, in CommandFailed and in metrics: the catalogue's.</summary>
    public static string Of<TCommand>() => CommandCatalogue.For<TCommand>().Name;

    public static Guid RequestIdOf(object command) => command is ICommand known ? known.RequestId : Guid.Empty;
}
