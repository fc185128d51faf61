using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Contacts;

public sealed class UpsertContactConsumerDefinition(IOptions<CommandBatchingOptions> batching)
    : CommandConsumerDefinition<UpsertContactBatchConsumer, UpsertContact>(batching.Value.Contacts);
