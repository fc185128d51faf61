using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;
using MassTransit;

namespace HubSpotCrm.Worker.Companies;

/// <summary>
/// Up to 100 UpsertCompany commands become one HubSpot batch upsert by domain and one batch of links. Every command gets
/// its own result event; commands for the same domain share one write, and only the one that created the company says created.
/// </summary>
public sealed class UpsertCompanyBatchConsumer(CompanyUpserter upserter, ResultPublisher results, CommandBatchRunner runner) : IConsumer<Batch<UpsertCompany>>
{
    public Task Consume(ConsumeContext<Batch<UpsertCompany>> context)
    {
        results.BatchConsumed<UpsertCompany>(context.Message.Length);
        return runner.RunAsync(context, async () =>
        {
            var outcomes = await upserter.UpsertAsync([.. context.Message], context.CancellationToken);
            await RequestCopies.PublishInOrderAsync(outcomes, o => o.Command.Message.RequestId, outcome =>
                results.PublishAsync(outcome.Command, outcome.CompanyId is { } companyId
                    ? new CompanyUpserted(outcome.Command.Message.RequestId, companyId, outcome.Domain, outcome.Created, outcome.ContactIds)
                    : outcome.Failure!.ToEvent(outcome.Command.Message.RequestId, CommandCatalogue.UpsertCompany.Name)));
        });
    }
}
