using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Companies;

public sealed class UpsertCompanyConsumerDefinition(IOptions<CommandBatchingOptions> batching)
    : CommandConsumerDefinition<UpsertCompanyBatchConsumer, UpsertCompany>(batching.Value.Companies);
