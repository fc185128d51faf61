using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Tickets;

public sealed class CreateTicketsConsumerDefinition(IOptions<CommandBatchingOptions> batching)
    : CommandConsumerDefinition<CreateTicketsBatchConsumer, CreateTickets>(batching.Value.Tickets);
