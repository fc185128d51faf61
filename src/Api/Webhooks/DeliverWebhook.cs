namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// One completion callback to deliver, on the Api's own delivery queue: everything an attempt needs travels with it, so
/// any Api instance can make it, and the status document is the one of the moment the request turned final.
/// </summary>
/// <param name="Id">The request's or batch's id; the webhook-id of every attempt.</param>
/// <param name="Subject">request or batch (<see cref="WebhookSubjects"/>).</param>
/// <param name="Client">Whose secret signs it.</param>
/// <param name="Payload">The status document, as GET answers it, without its webhook member.</param>
/// <param name="FinalAt">When the request turned final: retries stop <see cref="WebhookOptions.RetryFor"/> after it.</param>
public sealed record DeliverWebhook(Guid Id, string Subject, string Client, string Url, string Payload, DateTimeOffset FinalAt);
