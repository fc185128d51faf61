using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Worker.Commands;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Contacts;

public sealed class UpsertContactsConsumerDefinition(IOptions<CommandBatchingOptions> batching)
    : CommandConsumerDefinition<UpsertContactsBatchConsumer, UpsertContacts>(batching.Value.BulkContacts);
