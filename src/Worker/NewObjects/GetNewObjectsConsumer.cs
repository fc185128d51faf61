using HubSpotCrm.Contracts.Queries;
using HubSpotCrm.Worker.HubSpot.Errors;
using MassTransit;

namespace HubSpotCrm.Worker.NewObjects;

/// <summary>
/// Answers the Api's read requests with a page, or with a rejection the Api can tell apart by its reason: a request the
/// reader cannot serve, or HubSpot failing (down, limits, refused credentials or scopes, a refused search). Anything
/// else goes back to the requester as a fault.
/// </summary>
public sealed class GetNewObjectsConsumer(NewObjectsReader reader, ILogger<GetNewObjectsConsumer> logger) : IConsumer<GetNewObjects>
{
    public async Task Consume(ConsumeContext<GetNewObjects> context)
    {
        NewObjectsPage page;
        try
        {
            page = await reader.ReadAsync(context.Message, context.CancellationToken);
        }
        catch (NewObjectsRejectedException exception)
        {
            await context.RespondAsync(exception.Rejection);
            return;
        }
        catch (Exception exception) when (exception is HubSpotUnavailableException or HubSpotTransientException or HubSpotApiException)
        {
            logger.LogWarning("Could not read new objects from HubSpot: {Reason}", exception.Message);
            await context.RespondAsync(new NewObjectsRejected(NewObjectsRejected.HubSpotUnavailable, exception.Message));
            return;
        }
        await context.RespondAsync(page);
    }
}
