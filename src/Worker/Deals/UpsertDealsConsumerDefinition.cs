using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Deals;

public sealed class UpsertDealsConsumerDefinition(IOptions<CommandBatchingOptions> batching)
    : CommandConsumerDefinition<UpsertDealsBatchConsumer, UpsertDeals>(batching.Value.Deals);
