using HubSpotCrm.Api.Batches;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Results;
using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// Puts the callbacks of requests (and batches) that just turned final on their clients' delivery queues. It runs after their
/// results are recorded and before the result events are acknowledged, so a crash in between redelivers the events and
/// this runs again: each callback is sent at least once, and only callbacks never attempted are sent, so a redelivered
/// event does not start a second delivery of one already under way.
/// With no client's callbacks configured it looks for none, so results cost what they did before.
/// </summary>
public sealed class WebhookDispatcher(WebhookDeliveryStore deliveries, BatchStore batches, IBus bus, BrokerOperations broker, IOptions<WebhookOptions> options)
{
    public async Task DispatchAsync(IReadOnlyCollection<Guid> completed, CancellationToken cancellationToken)
    {
        if (!options.Value.Clients.Values.Any(c => c.IsConfigured))
        {
            return;
        }
        var messages = new List<DeliverWebhook>();
        foreach (var request in await deliveries.FinalRequestsAwaitingAsync(completed, cancellationToken))
        {
            messages.Add(new DeliverWebhook(request.Id, WebhookSubjects.Request, request.Client!, request.WebhookUrl!,
                ResultJson.Serialize(RequestStatusResponse.ForCallback(request)), request.CompletedAt ?? request.UpdatedAt));
        }
        foreach (var batch in await deliveries.CompletedBatchesAwaitingAsync(completed, cancellationToken))
        {
            var status = BatchStatusResponse.ForCallback(batch, await batches.ProgressAsync(batch.Id, cancellationToken));
            messages.Add(new DeliverWebhook(batch.Id, WebhookSubjects.Batch, batch.Client, batch.WebhookUrl!,
                ResultJson.Serialize(status), status.CompletedAt ?? batch.CreatedAt));
        }
        if (messages.Count > 0)
        {
            await SendAsync(bus, broker, messages, cancellationToken);
        }
    }

    /// <summary>Sends each to its client's delivery queue, mandatory and confirmed, within the broker bound.</summary>
    public static Task SendAsync(IBus bus, BrokerOperations broker, IReadOnlyCollection<DeliverWebhook> messages, CancellationToken cancellationToken) =>
        broker.RunAsync("Queueing webhook deliveries", token => Task.WhenAll(messages.GroupBy(m => m.Client).Select(async client =>
        {
            var endpoint = await bus.GetSendEndpoint(WebhookDeliveryEndpoint.AddressFor(client.Key));
            await Task.WhenAll(client.Select(m => endpoint.Send(m, Pipe.Execute<SendContext<DeliverWebhook>>(send => send.Mandatory()), token)));
        })), cancellationToken);
}
