using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Worker.Availability;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

public static class CommandConsumerRegistration
{
    /// <summary>
    /// The batch consumer of one command of the catalogue, with its definition, and the endpoint <see cref="CommandConsumption"/>
    /// connects and disconnects for it (so the endpoint is not started with the bus, but once the Worker is ready).
    /// </summary>
    public static void AddCommandConsumer<TConsumer, TCommand, TDefinition>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer<Batch<TCommand>>
        where TCommand : class
        where TDefinition : CommandConsumerDefinition<TConsumer, TCommand>
    {
        bus.AddConsumer<TConsumer, TDefinition>();
        bus.AddSingleton(new CommandEndpoint(CommandCatalogue.For<TCommand>().Queue,
            (context, endpoint) => endpoint.ConfigureConsumer<TConsumer>(context)));
    }
}
