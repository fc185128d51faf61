using HubSpotCrm.Contracts.Queries;
using MassTransit;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>Answers the Api's read requests. A failure (HubSpot paused, a bad cursor) goes back to the requester as a fault.</summary>
public sealed class GetNewObjectsConsumer(NewObjectsReader reader) : IConsumer<GetNewObjects>
{
    public async Task Consume(ConsumeContext<GetNewObjects> context) =>
        await context.RespondAsync(await reader.ReadAsync(context.Message, context.CancellationToken));
}
