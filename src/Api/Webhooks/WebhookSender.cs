using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace HubSpotCrm.Api.Webhooks;

/// <summary>
/// POSTs one signed delivery, per the Standard Webhooks specification: the webhook-id stays the same on every attempt so
/// the receiver can drop repeats; the timestamp and signature are the attempt's own. Knows nothing of queues or retries.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public async Task<WebhookAttempt> SendAsync(Uri target, string secret, string webhookId, string payload, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(IdHeader, webhookId);
        request.Headers.Add(TimestampHeader, timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, new StandardWebhook(secret).Sign(webhookId, timestamp, payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("HubSpotCrm-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await clients.CreateClient(WebhookConnections.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return WebhookAttempt.Answered((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookAttempt.Failed($"The receiver did not answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s.", retry: true);
        }
        catch (HttpRequestException refused) when (refused.InnerException is WebhookTargetRefusedException unreachable)
        {
            return WebhookAttempt.Failed(unreachable.Message, retry: false);
        }
        catch (HttpRequestException failed)
        {
            return WebhookAttempt.Failed($"The receiver could not be reached ({failed.HttpRequestError}: {failed.Message}).", retry: true);
        }
    }
}
