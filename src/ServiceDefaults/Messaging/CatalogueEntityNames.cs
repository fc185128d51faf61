using HubSpotCrm.Contracts.Catalogue;
using MassTransit;

namespace HubSpotCrm.ServiceDefaults.Messaging;

public static class CatalogueEntityNames
{
    /// <summary>
    /// Pins the event exchanges to the catalogue's stable, language-neutral names (hubspot.contact-upserted, …) instead
    /// of .NET type names; every other message keeps MassTransit's name.
    /// </summary>
    public static void UseHubSpotCrmEntityNames(this IBusFactoryConfigurator cfg) =>
        cfg.MessageTopology.SetEntityNameFormatter(new Formatter(cfg.MessageTopology.EntityNameFormatter));

    private sealed class Formatter(IEntityNameFormatter otherwise) : IEntityNameFormatter
    {
        public string FormatEntityName<T>() =>
            CommandCatalogue.Events.FirstOrDefault(e => e.MessageType == typeof(T))?.Exchange ?? otherwise.FormatEntityName<T>();
    }
}
