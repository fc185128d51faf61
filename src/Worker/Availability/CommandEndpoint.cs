using MassTransit;

namespace HubSpotCrm.Worker.Availability;

/// <summary>A command queue and how to configure its receive endpoint; connected and disconnected by <see cref="CommandConsumption"/>.</summary>
public sealed record CommandEndpoint(string Queue, Action<IBusRegistrationContext, IReceiveEndpointConfigurator> Configure);
