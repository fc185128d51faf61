using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Results;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>Sending a parked callback again, for the client it belongs to or an operator, once its receiver is fixed.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/requests/{id:guid}/webhook/redeliver", RedeliverRequest)
            .WithTags("Requests")
            .WithName("RedeliverRequestWebhook")
            .WithSummary("Sends a request's parked completion callback again, as a new series of attempts with the same webhook-id.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/batches/{id:guid}/webhook/redeliver", RedeliverBatch)
            .WithTags("Bulk submissions")
            .WithName("RedeliverBatchWebhook")
            .WithSummary("Sends a batch's parked completion callback again, as a new series of attempts with the same webhook-id.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Accepted<WebhookStatus>, ProblemHttpResult>> RedeliverRequest(
        Guid id, HttpContext http, RequestStore requests, WebhookDeliveryStore deliveries, IBus bus, BrokerOperations broker, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(id, RequestViewer.Of(http.User), cancellationToken);
        if (request?.WebhookUrl is null)
        {
            return NotFound("request", id);
        }
        return await RedeliverAsync(new DeliverWebhook(request.Id, WebhookSubjects.Request, request.Client!, request.WebhookUrl,
            ResultJson.Serialize(RequestStatusResponse.ForCallback(request)), clock.GetUtcNow()), $"/api/v1/requests/{id}", deliveries, bus, broker, cancellationToken);
    }

    private static async Task<Results<Accepted<WebhookStatus>, ProblemHttpResult>> RedeliverBatch(
        Guid id, HttpContext http, BatchStore batches, WebhookDeliveryStore deliveries, IBus bus, BrokerOperations broker, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var batch = await batches.FindAsync(id, RequestViewer.Of(http.User), cancellationToken);
        if (batch?.WebhookUrl is null)
        {
            return NotFound("batch", id);
        }
        var status = BatchStatusResponse.ForCallback(batch, await batches.ProgressAsync(id, cancellationToken));
        return await RedeliverAsync(new DeliverWebhook(batch.Id, WebhookSubjects.Batch, batch.Client, batch.WebhookUrl,
            ResultJson.Serialize(status), clock.GetUtcNow()), status.StatusUrl, deliveries, bus, broker, cancellationToken);
    }

    /// <summary>
    /// Only a parked callback: one pending or failing is still under way, and one delivered is done. The retry time
    /// starts again from now.
    /// </summary>
    private static async Task<Results<Accepted<WebhookStatus>, ProblemHttpResult>> RedeliverAsync(DeliverWebhook delivery, string statusUrl,
        WebhookDeliveryStore deliveries, IBus bus, BrokerOperations broker, CancellationToken cancellationToken)
    {
        if (!await deliveries.ReopenParkedAsync(delivery.Id, cancellationToken))
        {
            var state = WebhookStatus.Of(await deliveries.FindAsync(delivery.Id, cancellationToken)).State;
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Callback not parked",
                detail: $"The callback is {state}; only a parked callback can be sent again.");
        }
        try
        {
            await WebhookDispatcher.SendAsync(bus, broker, [delivery], cancellationToken);
        }
        catch (Exception exception) when (exception is MassTransitException or TimeoutException)
        {
            await deliveries.ReparkAsync(delivery.Id, CancellationToken.None);
            throw new BrokerUnavailableException(WebhookDeliveryEndpoint.QueueFor(delivery.Client), exception);
        }
        return TypedResults.Accepted(statusUrl, WebhookStatus.Of(await deliveries.FindAsync(delivery.Id, cancellationToken)));
    }

    private static ProblemHttpResult NotFound(string subject, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No callback for this {subject}",
            detail: $"No {subject} with the id {id} has a completion callback.");
}
